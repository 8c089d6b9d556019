/* base/limits.h: named limits, checked before parsing (DESIGN.md "Limits"). */
#ifndef CW_BASE_LIMITS_H
#define CW_BASE_LIMITS_H

#define CW_MAX_FIELD (1u << 20)          /* one field of an import record: 1 MB */
#define CW_MAX_RECORD (16u << 20)        /* one import record: 16 MB */
#define CW_MAX_DOCUMENT (64u << 20)      /* one document (article, page): 64 MB */
#define CW_MAX_ERRORS 100                /* bad records reported per import */
#define CW_YEAR_MIN 1800
#define CW_YEAR_MAX 2200
#define CW_MAX_ID 256                    /* bytes in a record id */
#define CW_MAX_NAME_TOKENS 64            /* tokens of one name considered */
#define CW_MAX_NAME_BYTES 4096           /* bytes of one name */

#endif
