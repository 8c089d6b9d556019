# scripts/casewatch.bash: bash completion for casewatch.
#
#   . scripts/casewatch.bash      (or copy it to /etc/bash_completion.d/)
#
# Completes command names (from `casewatch help`), each command's options
# (from `casewatch COMMAND --help`), record types, and record ids (from
# `casewatch list TYPE --ids`) for the commands that take an id. Asking
# the database never prompts for a passphrase (CASEWATCH_NO_PROMPT): an
# encrypted database completes ids only when CASEWATCH_KEY or a --key-file
# on the line unlocks it.
_casewatch() {
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi
	local cw=${words[0]} cmd="" i shared=()
	# the command is the first word that is not an option or its value
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--db | --key-file | --key-fd)
			shared+=("${words[i]}" "${words[i + 1]}")
			((i++))
			;;
		-*) ;;
		*)
			cmd=${words[i]}
			break
			;;
		esac
	done
	case $prev in
	--db | --key-file | -o | --output | --rejects | --map-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--clearance | --default-confidentiality | --confidentiality)
		COMPREPLY=($(compgen -W "public internal confidential" -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W "jsonl json csv xlsx ods text" -- "$cur"))
		return
		;;
	--date-order)
		COMPREPLY=($(compgen -W "dmy mdy" -- "$cur"))
		return
		;;
	esac
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--db --key-file --key-fd --quiet --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$cw" help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$cw" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
		return
	fi
	local types="people cases events sources provisions organizations affiliations"
	case $cmd in
	add | list)
		# the type first
		local n=0
		for ((i = i + 1; i < cword; i++)); do [[ ${words[i]} != -* ]] && ((n++)); done
		if [ $n -eq 0 ]; then
			COMPREPLY=($(compgen -W "$types person case event source provision organization affiliation" -- "$cur"))
		fi
		;;
	show | set | unset | edit | history | diff | revert | purge | merge | unmerge)
		local ids t
		for t in people cases events sources provisions organizations affiliations; do
			ids+=" $(CASEWATCH_NO_PROMPT=1 "$cw" "${shared[@]}" list "$t" --ids </dev/null 2>/dev/null)"
		done
		COMPREPLY=($(compgen -W "$ids" -- "$cur"))
		;;
	help)
		COMPREPLY=($(compgen -W "$("$cw" help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')" -- "$cur"))
		;;
	*)
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	esac
}
complete -F _casewatch casewatch
