/* render.c: widgets and render nodes into PNG files. */
#include "config.h"
#include "render.h"

#include <glib/gi18n.h>
#include "hl-error.h"

gboolean
hl_render_node_to_png (GtkWidget *widget, GskRenderNode *node, const graphene_rect_t *viewport,
                       const char *path, GError **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderer) own = NULL;
  GskRenderer *renderer = NULL;
  GtkNative *native = widget ? gtk_widget_get_native (widget) : NULL;

  if (native && gtk_widget_get_realized (GTK_WIDGET (native)))
    renderer = gtk_native_get_renderer (native);
  if (renderer == NULL)
    {
      own = gsk_cairo_renderer_new ();
      if (!gsk_renderer_realize (own, NULL, error))
        return FALSE;
      renderer = own;
    }
  texture = gsk_renderer_render_texture (renderer, node, viewport);
  if (own)
    gsk_renderer_unrealize (own);
  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, HL_ERROR, HL_ERROR_IO, _("Could not write the image “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
hl_render_widget_to_png (GtkWidget *widget, const char *path, GError **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_FAILED, _("Nothing to render: the window is not shown"));
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_FAILED, _("Nothing to render: the window is empty"));
      return FALSE;
    }
  return hl_render_node_to_png (widget, node, &GRAPHENE_RECT_INIT (0, 0, width, height), path, error);
}
