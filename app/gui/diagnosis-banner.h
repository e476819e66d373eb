/* diagnosis-banner.h: the one-look answer over the ladder: what went wrong
 * (with the concrete values), who should act, the fix, and a way to the
 * evidence.  Healthy connections get a short confirmation instead. */
#pragma once
#include <adwaita.h>
#include "connection.h"

G_BEGIN_DECLS

#define HL_TYPE_DIAGNOSIS_BANNER (hl_diagnosis_banner_get_type ())
G_DECLARE_FINAL_TYPE (HlDiagnosisBanner, hl_diagnosis_banner, HL, DIAGNOSIS_BANNER, AdwBin)

GtkWidget  *hl_diagnosis_banner_new            (void);
/* Shows the connection's headline diagnosis; hides itself when there is
 * nothing to say.  conn nullable. */
void        hl_diagnosis_banner_set_connection (HlDiagnosisBanner *self, const HlConnection *conn);
/* The text as shown: title, summary, who should act and the fix (tests). */
char       *hl_diagnosis_banner_get_text       (HlDiagnosisBanner *self);

G_END_DECLS
