/* field-item.h: a GObject row for the Fields tree around one HlField. */
#pragma once
#include <gio/gio.h>
#include "connection-item.h"
#include "field.h"

G_BEGIN_DECLS

#define HL_TYPE_FIELD_ITEM (hl_field_item_get_type ())
G_DECLARE_FINAL_TYPE (HlFieldItem, hl_field_item, HL, FIELD_ITEM, GObject)

/* owner keeps the field alive (the connection it belongs to). */
HlFieldItem   *hl_field_item_new       (const HlField *field, HlConnectionItem *owner);
const HlField *hl_field_item_get_field (HlFieldItem *self);
/* A list of HlFieldItem for the children of field, or NULL for a leaf. */
GListModel    *hl_field_item_list_children (const HlField *field, HlConnectionItem *owner);

G_END_DECLS
