/* Compiled with -fsyntax-only as C99, C11 and C++17 under -Wall -Wextra -Wpedantic -Werror:
 * the public header must stay plain, warning-free C and usable from C++. */
#include "agentguard.h"

/* Touch the header's types so the translation unit is not empty under -Wpedantic. */
typedef struct header_check {
  ag_status status;
  ag_usage usage;
  ag_counter counter;
  ag_run_stats stats;
  ag_model_price price;
} header_check;

int header_check_version(void);
int header_check_version(void) { return AG_VERSION_NUMBER == 0 ? 1 : (int)sizeof(header_check); }
