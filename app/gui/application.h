/* application.h: the AdwApplication: app actions, accelerators, opening files. */
#pragma once
#include <adwaita.h>

G_BEGIN_DECLS

#define HL_TYPE_APPLICATION (hl_application_get_type ())
G_DECLARE_FINAL_TYPE (HlApplication, hl_application, HL, APPLICATION, AdwApplication)

HlApplication *hl_application_new (void);

G_END_DECLS
