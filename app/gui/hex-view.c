/* hex-view.c: a message's bytes as hex and ASCII, with a highlighted range. */
#include "config.h"
#include "hex-view.h"

#include <glib/gi18n.h>
#include "compat.h"

#define BYTES_PER_LINE 16
#define PAD 12

struct _HlHexView {
  GtkWidget    parent_instance;

  GBytes      *bytes;
  gsize        shown;          /* bytes drawn (capped) */
  guint        hl_offset, hl_length;
  guint        cursor;
  PangoLayout *text;           /* all lines, cached */
  double       char_w, line_h;
  int          offset_digits;
  gboolean     scroll_pending;   /* bring the highlight into view once laid out */
  guint        scroll_id;
};

G_DEFINE_FINAL_TYPE (HlHexView, hl_hex_view, GTK_TYPE_WIDGET)

enum { BYTE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Column (in characters) of byte i of a line in the hex part and in the
 * ASCII part: "0000  00 01 02 03 04 05 06 07  08 ... 0f  ................" */
static int
hex_column (HlHexView *self, guint i)
{
  return self->offset_digits + 2 + i * 3 + (i >= 8 ? 1 : 0);
}

static int
ascii_column (HlHexView *self, guint i)
{
  return self->offset_digits + 2 + BYTES_PER_LINE * 3 + 1 + 1 + i;
}

static void
invalidate_text (HlHexView *self)
{
  g_clear_object (&self->text);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
ensure_text (HlHexView *self)
{
  const guint8 *data;
  GString *s;
  int w, h;

  if (self->text)
    return;
  s = g_string_new (NULL);
  data = self->bytes ? g_bytes_get_data (self->bytes, NULL) : NULL;
  for (gsize line = 0; line * BYTES_PER_LINE < self->shown; line++)
    {
      gsize start = line * BYTES_PER_LINE;
      gsize n = MIN (BYTES_PER_LINE, self->shown - start);

      g_string_append_printf (s, "%0*" G_GSIZE_MODIFIER "x  ", self->offset_digits, start);
      for (guint i = 0; i < BYTES_PER_LINE; i++)
        {
          if (i < n)
            g_string_append_printf (s, "%02x ", data[start + i]);
          else
            g_string_append (s, "   ");
          if (i == 7)
            g_string_append_c (s, ' ');
        }
      g_string_append_c (s, ' ');
      for (guint i = 0; i < n; i++)
        {
          guint8 c = data[start + i];
          g_string_append_c (s, c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
      g_string_append_c (s, '\n');
    }
  if (self->bytes && g_bytes_get_size (self->bytes) > self->shown)
    g_string_append_printf (s, _("… %zu more bytes not shown"),
                            g_bytes_get_size (self->bytes) - self->shown);
  self->text = gtk_widget_create_pango_layout (GTK_WIDGET (self), s->str);
  g_string_free (s, TRUE);

  {
    g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0000000000");
    pango_layout_get_pixel_size (probe, &w, &h);
    self->char_w = w / 10.0;
    self->line_h = h;
  }
}

static void
hl_hex_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                     int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  int w, h;

  ensure_text (self);
  pango_layout_get_pixel_size (self->text, &w, &h);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MAX (w, (int) (self->char_w * ascii_column (self, BYTES_PER_LINE))) + 2 * PAD;
  else
    *minimum = *natural = h + 2 * PAD;
}

static void
append_cells (HlHexView *self, GtkSnapshot *s, guint from, guint to, const GdkRGBA *color)
{
  /* One rectangle per line and column group. */
  for (guint off = from; off < to;)
    {
      guint line = off / BYTES_PER_LINE;
      guint first = off % BYTES_PER_LINE;
      guint last = MIN (BYTES_PER_LINE, first + (to - off)) - 1;
      double y = PAD + line * self->line_h;
      double hx = PAD + hex_column (self, first) * self->char_w;
      double hw = (hex_column (self, last) + 2 - hex_column (self, first)) * self->char_w;
      double ax = PAD + ascii_column (self, first) * self->char_w;
      double aw = (last - first + 1) * self->char_w;

      gtk_snapshot_append_color (s, color, &GRAPHENE_RECT_INIT (hx - 2, y, hw + 4, self->line_h));
      gtk_snapshot_append_color (s, color, &GRAPHENE_RECT_INIT (ax, y, aw, self->line_h));
      off += last - first + 1;
    }
}

static void
hl_hex_view_snapshot (GtkWidget *widget, GtkSnapshot *s)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  GdkRGBA fg, accent, hl;

  ensure_text (self);
  hl_compat_get_fg_color (widget, &fg);
  hl_compat_lookup_color (widget, "accent_bg_color", &accent, "#3584e4");
  hl = accent;
  hl.alpha = 0.35;

  if (self->hl_length > 0 && self->hl_offset < self->shown)
    append_cells (self, s, self->hl_offset, MIN (self->shown, (gsize) self->hl_offset + self->hl_length), &hl);
  if (gtk_widget_has_visible_focus (widget) && self->cursor < self->shown)
    {
      GdkRGBA ring = accent;
      ring.alpha = 0.8;
      append_cells (self, s, self->cursor, self->cursor + 1, &ring);
    }

  gtk_snapshot_save (s);
  gtk_snapshot_translate (s, &GRAPHENE_POINT_INIT (PAD, PAD));
  gtk_snapshot_append_layout (s, self->text, &fg);
  gtk_snapshot_restore (s);
}

/* Byte under (x, y), or -1. */
static int
byte_at (HlHexView *self, double x, double y)
{
  int line, col;

  ensure_text (self);
  if (self->shown == 0 || y < PAD || x < PAD)
    return -1;
  line = (int) ((y - PAD) / self->line_h);
  col = (int) ((x - PAD) / self->char_w);
  for (guint i = 0; i < BYTES_PER_LINE; i++)
    {
      gsize off = (gsize) line * BYTES_PER_LINE + i;
      if (off >= self->shown)
        break;
      if ((col >= hex_column (self, i) && col < hex_column (self, i) + 3) || col == ascii_column (self, i))
        return (int) off;
    }
  return -1;
}

static void
move_cursor (HlHexView *self, guint offset)
{
  self->cursor = offset;
  g_signal_emit (self, signals[BYTE_ACTIVATED], 0, offset);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, HlHexView *self)
{
  int off = byte_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (off >= 0)
    move_cursor (self, off);
}

static void
action_move (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HlHexView *self = HL_HEX_VIEW (widget);
  gint64 target = (gint64) self->cursor + g_variant_get_int32 (param);

  if (self->shown == 0)
    return;
  move_cursor (self, (guint) CLAMP (target, 0, (gint64) self->shown - 1));
}

static void
hl_hex_view_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (hl_hex_view_parent_class)->css_changed (widget, change);
  invalidate_text (HL_HEX_VIEW (widget));
}

static void
hl_hex_view_dispose (GObject *object)
{
  HlHexView *self = HL_HEX_VIEW (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_object (&self->text);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  G_OBJECT_CLASS (hl_hex_view_parent_class)->dispose (object);
}

static void hl_hex_view_size_allocate (GtkWidget *widget, int width, int height, int baseline);

static void
hl_hex_view_class_init (HlHexViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_hex_view_dispose;
  widget_class->measure = hl_hex_view_measure;
  widget_class->snapshot = hl_hex_view_snapshot;
  widget_class->css_changed = hl_hex_view_css_changed;
  widget_class->size_allocate = hl_hex_view_size_allocate;

  signals[BYTE_ACTIVATED] = g_signal_new ("byte-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "hex.move", "i", action_move);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "hex.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "hex.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "hex.move", "i", -BYTES_PER_LINE);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "hex.move", "i", BYTES_PER_LINE);

  gtk_widget_class_set_css_name (widget_class, "hexview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hl_hex_view_init (HlHexView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->offset_digits = 4;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "monospace");
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message bytes"), -1);
}

GtkWidget *
hl_hex_view_new (void)
{
  return g_object_new (HL_TYPE_HEX_VIEW, NULL);
}

void
hl_hex_view_set_bytes (HlHexView *self, GBytes *bytes)
{
  g_return_if_fail (HL_IS_HEX_VIEW (self));

  if (self->bytes == bytes)
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  self->shown = bytes ? MIN (g_bytes_get_size (bytes), HL_HEX_VIEW_MAX_BYTES) : 0;
  self->offset_digits = self->shown > 0xffff ? 6 : 4;
  self->hl_offset = self->hl_length = 0;
  self->cursor = 0;
  invalidate_text (self);
}

GBytes *
hl_hex_view_get_bytes (HlHexView *self)
{
  g_return_val_if_fail (HL_IS_HEX_VIEW (self), NULL);
  return self->bytes;
}

static gboolean
scroll_idle (gpointer data)
{
  HlHexView *self = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  double top, bottom;

  self->scroll_id = 0;
  if (scroller == NULL || self->hl_length == 0 || self->line_h <= 0)
    {
      self->scroll_pending = FALSE;
      return G_SOURCE_REMOVE;
    }
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  top = PAD + (self->hl_offset / BYTES_PER_LINE) * self->line_h;
  bottom = PAD + ((self->hl_offset + self->hl_length - 1) / BYTES_PER_LINE + 1) * self->line_h;
  /* Not laid out yet (a hidden tab): size_allocate () calls again. */
  if (gtk_adjustment_get_page_size (adj) <= 0 || gtk_adjustment_get_upper (adj) < bottom)
    return G_SOURCE_REMOVE;
  self->scroll_pending = FALSE;
  gtk_adjustment_clamp_page (adj, top - self->line_h, MIN (bottom, top + 8 * self->line_h) + self->line_h);
  return G_SOURCE_REMOVE;
}

static void
hl_hex_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  HlHexView *self = HL_HEX_VIEW (widget);

  if (self->scroll_pending && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_idle, self, NULL);
}

void
hl_hex_view_set_highlight (HlHexView *self, guint offset, guint length)
{
  g_return_if_fail (HL_IS_HEX_VIEW (self));
  self->hl_offset = offset;
  self->hl_length = length;
  if (length > 0)
    self->cursor = offset;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  self->scroll_pending = length > 0;
  if (self->scroll_pending && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_idle, self, NULL);
}

void
hl_hex_view_get_highlight (HlHexView *self, guint *offset, guint *length)
{
  g_return_if_fail (HL_IS_HEX_VIEW (self));
  *offset = self->hl_offset;
  *length = self->hl_length;
}
