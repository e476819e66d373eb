/* connection-item.c: a GObject row for list models around one HlConnection. */
#include "connection-item.h"

struct _HlConnectionOwner {
  gpointer       data;
  GDestroyNotify free_func;
};

static void
owner_clear (gpointer mem)
{
  HlConnectionOwner *owner = mem;

  if (owner->free_func)
    owner->free_func (owner->data);
}

HlConnectionOwner *
hl_connection_owner_new (gpointer data, GDestroyNotify free_func)
{
  HlConnectionOwner *owner = g_atomic_rc_box_new0 (HlConnectionOwner);

  owner->data = data;
  owner->free_func = free_func;
  return owner;
}

HlConnectionOwner *
hl_connection_owner_ref (HlConnectionOwner *owner)
{
  return g_atomic_rc_box_acquire (owner);
}

void
hl_connection_owner_unref (HlConnectionOwner *owner)
{
  g_atomic_rc_box_release_full (owner, owner_clear);
}

struct _HlConnectionItem {
  GObject            parent_instance;
  HlConnection      *conn;    /* owned by owner */
  HlConnectionOwner *owner;
};

G_DEFINE_FINAL_TYPE (HlConnectionItem, hl_connection_item, G_TYPE_OBJECT)

static void
hl_connection_item_finalize (GObject *object)
{
  HlConnectionItem *self = HL_CONNECTION_ITEM (object);

  g_clear_pointer (&self->owner, hl_connection_owner_unref);
  G_OBJECT_CLASS (hl_connection_item_parent_class)->finalize (object);
}

static void
hl_connection_item_class_init (HlConnectionItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hl_connection_item_finalize;
}

static void
hl_connection_item_init (HlConnectionItem *self)
{
}

HlConnectionItem *
hl_connection_item_new (HlConnection *conn, HlConnectionOwner *owner)
{
  HlConnectionItem *self = g_object_new (HL_TYPE_CONNECTION_ITEM, NULL);

  self->conn = conn;
  self->owner = hl_connection_owner_ref (owner);
  return self;
}

const HlConnection *
hl_connection_item_get_connection (HlConnectionItem *self)
{
  g_return_val_if_fail (HL_IS_CONNECTION_ITEM (self), NULL);
  return self->conn;
}

guint64
hl_connection_item_get_id (HlConnectionItem *self)
{
  g_return_val_if_fail (HL_IS_CONNECTION_ITEM (self), 0);
  return self->conn->id;
}
