/* main.c: argv -> cli dispatch, nothing else. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
