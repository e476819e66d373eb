#include "cli.h"

int
main (int argc, char **argv)
{
  int status;

  hl_cli_init_i18n ();
  status = hl_cli_run (argc, argv, FALSE);
  return status < 0 ? 2 : status;
}
