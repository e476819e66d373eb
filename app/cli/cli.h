/* cli.h: the headless front end shared by the GUI binary and the CLI-only build. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Runs the command line if it asks for headless work (--report, --probe with
 * --report, --version, --help) and returns the exit status (0 ok, 1 input
 * unreadable, 2 usage).  Returns -1 when the arguments ask for the GUI. */
int hl_cli_run (int argc, char **argv, gboolean gui_available);

/* Sets up the locale and gettext for the whole program. */
void hl_cli_init_i18n (void);

G_END_DECLS
