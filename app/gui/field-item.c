/* field-item.c: a GObject row for the Fields tree around one HlField. */
#include "field-item.h"

struct _HlFieldItem {
  GObject           parent_instance;
  const HlField    *field;
  HlConnectionItem *owner;
};

G_DEFINE_FINAL_TYPE (HlFieldItem, hl_field_item, G_TYPE_OBJECT)

static void
hl_field_item_dispose (GObject *object)
{
  g_clear_object (&HL_FIELD_ITEM (object)->owner);
  G_OBJECT_CLASS (hl_field_item_parent_class)->dispose (object);
}

static void
hl_field_item_class_init (HlFieldItemClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hl_field_item_dispose;
}

static void
hl_field_item_init (HlFieldItem *self)
{
}

HlFieldItem *
hl_field_item_new (const HlField *field, HlConnectionItem *owner)
{
  HlFieldItem *self = g_object_new (HL_TYPE_FIELD_ITEM, NULL);

  self->field = field;
  self->owner = owner ? g_object_ref (owner) : NULL;
  return self;
}

const HlField *
hl_field_item_get_field (HlFieldItem *self)
{
  g_return_val_if_fail (HL_IS_FIELD_ITEM (self), NULL);
  return self->field;
}

GListModel *
hl_field_item_list_children (const HlField *field, HlConnectionItem *owner)
{
  GListStore *store;

  if (field == NULL || hl_field_n_children (field) == 0)
    return NULL;
  store = g_list_store_new (HL_TYPE_FIELD_ITEM);
  for (guint i = 0; i < hl_field_n_children (field); i++)
    {
      g_autoptr(HlFieldItem) child = hl_field_item_new (hl_field_child (field, i), owner);
      g_list_store_append (store, child);
    }
  return G_LIST_MODEL (store);
}
