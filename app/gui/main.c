/* main.c: handshake-lens with the GUI: headless work goes to the CLI, the
 * rest opens the window. */
#include "config.h"

#include <glib/gi18n.h>
#include "application.h"
#include "cli.h"

int
main (int argc, char **argv)
{
  g_autoptr(HlApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  hl_cli_init_i18n ();
  status = hl_cli_run (argc, argv, TRUE);
  if (status >= 0)
    return status;

  if (!hl_application_check_args (argc, argv, &error))
    {
      g_printerr ("handshake-lens: %s\n", error->message);
      g_printerr (_("Try “handshake-lens --help” for more information.\n"));
      return 2;
    }
  app = hl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
