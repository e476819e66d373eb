/* detail-pane.h: what the selected step means (Explanation), its field tree
 * (Fields) and its bytes (Bytes), linked both ways. */
#pragma once
#include <adwaita.h>
#include "connection-item.h"

G_BEGIN_DECLS

#define HL_TYPE_DETAIL_PANE (hl_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (HlDetailPane, hl_detail_pane, HL, DETAIL_PANE, AdwBin)

GtkWidget     *hl_detail_pane_new          (void);
/* event nullable (nothing selected); step is 0-based. */
void           hl_detail_pane_show_event   (HlDetailPane *self, HlConnectionItem *item,
                                            const HlEvent *event, int step, guint n_steps);
/* "explanation", "fields" or "bytes". */
void           hl_detail_pane_set_page     (HlDetailPane *self, const char *name);
/* Selects the field in the tree (expanding its parents) and highlights its
 * bytes; FALSE if the current event has no such field. */
gboolean       hl_detail_pane_select_field (HlDetailPane *self, const HlField *field);
const HlField *hl_detail_pane_get_selected_field (HlDetailPane *self);
/* The explanation as shown (tests). */
const char    *hl_detail_pane_get_explanation (HlDetailPane *self);
GtkWidget     *hl_detail_pane_get_hex_view (HlDetailPane *self);

G_END_DECLS
