/* application.h: the AdwApplication: app actions, accelerators, opening files. */
#pragma once
#include <adwaita.h>

G_BEGIN_DECLS

#define HL_TYPE_APPLICATION (hl_application_get_type ())
G_DECLARE_FINAL_TYPE (HlApplication, hl_application, HL, APPLICATION, AdwApplication)

HlApplication *hl_application_new        (void);
/* FALSE for command lines the window cannot take (unknown options), so main
 * can exit with the usage status (2) like the CLI. */
gboolean       hl_application_check_args (int argc, char **argv, GError **error);

G_END_DECLS
