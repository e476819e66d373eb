/* ladder-view.c: a connection drawn as a client/server ladder, with playback. */
#include "config.h"
#include "ladder-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "compat.h"
#include "format.h"
#include "render.h"

#define ANIMATION_MS      600    /* one arrow, sender to receiver, at 1x */
#define DWELL_MS         1600    /* time to read an explanation while playing, at 1x */
#define FUTURE_ALPHA     0.18
#define ICON_SIZE        16

struct _HlLadderView {
  GtkWidget          parent_instance;

  HlConnectionItem  *item;
  HlLadderLayout    *layout;
  HlLadderTimeScale  time_scale;
  int                step;          /* current step, -1 = none */
  double             progress;      /* current arrow, 0 (leaving) .. 1 (landed) */
  gboolean           frozen;        /* progress set from outside */
  gboolean          *evidence;      /* per step */
  gboolean           evidence_error; /* evidence of an error (else of a warning) */
  gboolean           playing;
  gboolean           replay;        /* stepping through: later arrows are drawn faint */
  double             speed;
  AdwAnimation      *animation;
  guint              dwell_id;
  guint              scroll_id;     /* scroll to the step once laid out */
  gboolean           scroll_pending;
  GtkAdjustment     *vadjustment;   /* of the scrolled window we are in, if any */
};

G_DEFINE_FINAL_TYPE (HlLadderView, hl_ladder_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STEP, PROP_N_STEPS, PROP_PLAYING, PROP_SPEED, PROP_TIME_SCALE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { STEP_LANDED, STEP_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

GType
hl_ladder_time_scale_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HL_LADDER_TIME_PROPORTIONAL, "HL_LADDER_TIME_PROPORTIONAL", "proportional" },
    { HL_LADDER_TIME_EVEN, "HL_LADDER_TIME_EVEN", "even" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("HlLadderTimeScale", values));
  return type;
}

/* ---- drawing helpers ---- */

static PangoLayout *
make_layout (HlLadderView *self, const char *text, double scale, PangoWeight weight,
             PangoStyle style, int width_px)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (style != PANGO_STYLE_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_style_new (style));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (width_px > 0)
    {
      pango_layout_set_width (layout, width_px * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
layout_size (PangoLayout *layout, double *w, double *h)
{
  int pw, ph;

  pango_layout_get_pixel_size (layout, &pw, &ph);
  *w = pw;
  *h = ph;
}

static void
draw_layout (GtkSnapshot *s, PangoLayout *layout, double x, double y, const GdkRGBA *color)
{
  gtk_snapshot_save (s);
  gtk_snapshot_translate (s, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (s, layout, color);
  gtk_snapshot_restore (s);
}

static GdkRGBA
with_alpha (const GdkRGBA *c, double alpha)
{
  GdkRGBA r = *c;

  r.alpha *= alpha;
  return r;
}

static void
draw_arrow (GtkSnapshot *s, double x1, double y1, double x2, double y2, double progress,
            const GdkRGBA *color, gboolean dashed, double line_width)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (MIN (x1, x2) - 14, MIN (y1, y2) - 14,
                                               fabs (x2 - x1) + 28, fabs (y2 - y1) + 28);
  cairo_t *cr = gtk_snapshot_append_cairo (s, &bounds);
  double tx = x1 + (x2 - x1) * progress;
  double ty = y1 + (y2 - y1) * progress;
  double angle = atan2 (y2 - y1, x2 - x1);
  const double head = 11, spread = 0.42;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* The sender's dot. */
  cairo_arc (cr, x1, y1, 3, 0, 2 * G_PI);
  cairo_fill (cr);
  if (dashed)
    {
      static const double dash[] = { 6, 5 };
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, tx - head * 0.6 * cos (angle), ty - head * 0.6 * sin (angle));
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, tx, ty);
  cairo_line_to (cr, tx - head * cos (angle - spread), ty - head * sin (angle - spread));
  cairo_line_to (cr, tx - head * cos (angle + spread), ty - head * sin (angle + spread));
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
draw_vline (GtkSnapshot *s, double x, double y1, double y2, const GdkRGBA *color, gboolean dashed)
{
  if (y2 <= y1)
    return;
  if (!dashed)
    {
      gtk_snapshot_append_color (s, color, &GRAPHENE_RECT_INIT (x - 1, y1, 2, y2 - y1));
      return;
    }
  for (double y = y1; y < y2; y += 9)
    gtk_snapshot_append_color (s, color, &GRAPHENE_RECT_INIT (x - 1, y, 2, MIN (4, y2 - y)));
}

static void
draw_rounded (GtkSnapshot *s, const graphene_rect_t *rect, double radius, const GdkRGBA *color)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, radius);
  gtk_snapshot_push_rounded_clip (s, &rr);
  gtk_snapshot_append_color (s, color, rect);
  gtk_snapshot_pop (s);
}

static const char *
icon_name (HlLadderIcon icon)
{
  switch (icon)
    {
    case HL_LADDER_ICON_LOCKED:
      return "changes-prevent-symbolic";
    case HL_LADDER_ICON_UNLOCKED:
      return "changes-allow-symbolic";
    case HL_LADDER_ICON_ERROR:
      return "dialog-error-symbolic";
    case HL_LADDER_ICON_WARNING:
      return "dialog-warning-symbolic";
    case HL_LADDER_ICON_NONE:
    default:
      return NULL;
    }
}

static void
draw_icon (HlLadderView *self, GtkSnapshot *s, HlLadderIcon icon, double x, double y,
           const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GtkIconPaintable) paintable = NULL;
  GdkRGBA colors[4];
  const char *name = icon_name (icon);

  if (name == NULL)
    return;
  paintable = gtk_icon_theme_lookup_icon (theme, name, NULL, ICON_SIZE,
                                          gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                          gtk_widget_get_direction (GTK_WIDGET (self)), 0);
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    colors[i] = *color;
  gtk_snapshot_save (s);
  gtk_snapshot_translate (s, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), s,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (s);
}

void
hl_ladder_view_get_colors (HlLadderView *self, HlLadderColors *c)
{
  GtkWidget *w = GTK_WIDGET (self);

  hl_compat_get_fg_color (w, &c->fg);
  hl_compat_lookup_color (w, "view_bg_color", &c->bg, "#ffffff");
  hl_compat_lookup_color (w, "accent_color", &c->accent, "#1c71d8");
  hl_compat_lookup_color (w, "success_color", &c->success, "#1b8553");
  hl_compat_lookup_color (w, "warning_color", &c->warning, "#9c6e03");
  hl_compat_lookup_color (w, "error_color", &c->error, "#c01c28");
}

static GdkRGBA
tone_color (const HlLadderColors *c, HlLadderTone tone)
{
  switch (tone)
    {
    case HL_LADDER_TONE_ACCENT:
      return c->accent;
    case HL_LADDER_TONE_MUTED:
      return with_alpha (&c->fg, 0.55);
    case HL_LADDER_TONE_SUCCESS:
      return c->success;
    case HL_LADDER_TONE_WARNING:
      return c->warning;
    case HL_LADDER_TONE_ERROR:
      return c->error;
    case HL_LADDER_TONE_NORMAL:
    default:
      return c->fg;
    }
}

/* ---- the ladder ---- */

typedef struct {
  HlLadderGeometry geo;
  HlLadderColors   colors;
  gboolean         export;     /* every step fully drawn, no selection */
  double           top, bottom; /* only rows meeting this range are drawn */
} DrawContext;

static void
draw_header (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc)
{
  const HlLadderLayout *layout = self->layout;
  struct { const char *title, *detail; double x; } sides[2] = {
    { layout->client_title, layout->client_detail, dc->geo.client_x },
    { layout->server_title, layout->server_detail, dc->geo.server_x },
  };
  GdkRGBA box = with_alpha (&dc->colors.fg, 0.07);
  GdkRGBA dim = with_alpha (&dc->colors.fg, 0.7);

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      g_autoptr(PangoLayout) title = make_layout (self, sides[i].title, 1.0, PANGO_WEIGHT_BOLD,
                                                  PANGO_STYLE_NORMAL, 240);
      g_autoptr(PangoLayout) detail = make_layout (self, sides[i].detail, 0.85, PANGO_WEIGHT_NORMAL,
                                                   PANGO_STYLE_NORMAL, 240);
      double tw, th, dw, dh, w, x;

      layout_size (title, &tw, &th);
      layout_size (detail, &dw, &dh);
      w = MAX (tw, dw) + 24;
      x = sides[i].x - w / 2;
      x = CLAMP (x, 4, dc->geo.width - w - 4);
      draw_rounded (s, &GRAPHENE_RECT_INIT (x, 8, w, th + dh + 12), 8, &box);
      draw_layout (s, title, x + (w - tw) / 2, 14, &dc->colors.fg);
      draw_layout (s, detail, x + (w - dw) / 2, 14 + th, &dim);
    }
}

static void
draw_lifelines (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc)
{
  const HlLadderLayout *layout = self->layout;
  GdkRGBA line = with_alpha (&dc->colors.fg, 0.28);
  double top = HL_LADDER_HEADER_HEIGHT - 6;
  double y = top;

  /* Solid, except across silences, which are dashed. */
  for (guint i = 0; i < layout->rows->len; i++)
    {
      const HlLadderRow *row = &g_array_index (layout->rows, HlLadderRow, i);
      if (row->kind != HL_LADDER_ROW_SILENCE)
        continue;
      draw_vline (s, dc->geo.client_x, y, row->y, &line, FALSE);
      draw_vline (s, dc->geo.server_x, y, row->y, &line, FALSE);
      draw_vline (s, dc->geo.client_x, row->y, row->y + row->height, &line, TRUE);
      draw_vline (s, dc->geo.server_x, row->y, row->y + row->height, &line, TRUE);
      y = row->y + row->height;
    }
  draw_vline (s, dc->geo.client_x, y, layout->height - 12, &line, FALSE);
  draw_vline (s, dc->geo.server_x, y, layout->height - 12, &line, FALSE);
}

static void
draw_band (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row)
{
  GdkRGBA tint = row->tone == HL_LADDER_TONE_NORMAL ? dc->colors.fg : tone_color (&dc->colors, row->tone);
  GdkRGBA fill = with_alpha (&tint, row->tone == HL_LADDER_TONE_NORMAL ? 0.05 : 0.12);
  GdkRGBA text = row->tone == HL_LADDER_TONE_NORMAL ? with_alpha (&dc->colors.fg, 0.75) : tint;
  double x = MAX (4, dc->geo.time_x - 60);
  double w = MIN (dc->geo.span_x + 60, dc->geo.width - 4) - x;
  double text_x = x + 10;
  g_autoptr(PangoLayout) label = make_layout (self, row->label, 0.9, PANGO_WEIGHT_BOLD,
                                              PANGO_STYLE_NORMAL, (int) (w * 0.6));
  double lw, lh;

  draw_rounded (s, &GRAPHENE_RECT_INIT (x, row->y + 5, w, row->height - 10), 6, &fill);
  if (row->icon != HL_LADDER_ICON_NONE)
    {
      draw_icon (self, s, row->icon, text_x, row->y + (row->height - ICON_SIZE) / 2, &text);
      text_x += ICON_SIZE + 6;
    }
  layout_size (label, &lw, &lh);
  draw_layout (s, label, text_x, row->y + (row->height - lh) / 2, &text);
  if (row->time_label)
    {
      g_autoptr(PangoLayout) note = make_layout (self, row->time_label, 0.85, PANGO_WEIGHT_NORMAL,
                                                 PANGO_STYLE_ITALIC, (int) (w * 0.35));
      double nw, nh;
      layout_size (note, &nw, &nh);
      draw_layout (s, note, x + w - nw - 10, row->y + (row->height - nh) / 2, &text);
    }
}

static void
draw_silence (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row)
{
  GdkRGBA color = tone_color (&dc->colors, row->tone);
  double lane = dc->geo.server_x - dc->geo.client_x;
  g_autoptr(PangoLayout) label = make_layout (self, row->label, 0.9, PANGO_WEIGHT_NORMAL,
                                              PANGO_STYLE_ITALIC, (int) lane - 20);
  double lw, lh;

  layout_size (label, &lw, &lh);
  draw_layout (s, label, dc->geo.client_x + (lane - lw) / 2, row->y + (row->height - lh) / 2, &color);
}

static double
step_alpha (HlLadderView *self, const DrawContext *dc, int step)
{
  if (dc->export || !self->replay || self->step < 0 || step <= self->step)
    return 1.0;
  return FUTURE_ALPHA;
}

static double
step_progress (HlLadderView *self, const DrawContext *dc, int step)
{
  if (dc->export || step != self->step)
    return 1.0;
  return self->progress;
}

static void
draw_selection (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (8, row->y + 1, dc->geo.width - 16, row->height - 2);

  if (dc->export)
    return;
  if (self->evidence && self->evidence[row->step])
    {
      const GdkRGBA *tint = self->evidence_error ? &dc->colors.error : &dc->colors.warning;
      GdkRGBA mark = with_alpha (tint, 0.10);
      if (row->step != self->step)
        draw_rounded (s, &rect, 8, &mark);
      gtk_snapshot_append_color (s, tint,
                                 &GRAPHENE_RECT_INIT (8, row->y + 4, 4, row->height - 8));
    }
  if (row->step == self->step)
    {
      GdkRGBA sel = with_alpha (&dc->colors.accent, 0.16);
      draw_rounded (s, &rect, 8, &sel);
      if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
        {
          GskRoundedRect rr;
          GdkRGBA ring = with_alpha (&dc->colors.accent, 0.6);
          const float widths[4] = { 2, 2, 2, 2 };
          const GdkRGBA colors[4] = { ring, ring, ring, ring };
          gsk_rounded_rect_init_from_rect (&rr, &rect, 8);
          gtk_snapshot_append_border (s, &rr, widths, colors);
        }
    }
}

static void
draw_time_label (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row,
                 double y, double alpha)
{
  g_autoptr(PangoLayout) t = make_layout (self, row->time_label, 0.8, PANGO_WEIGHT_NORMAL,
                                          PANGO_STYLE_NORMAL, -1);
  GdkRGBA dim = with_alpha (&dc->colors.fg, 0.6 * alpha);
  double tw, th;

  pango_layout_set_font_description (t, NULL);
  layout_size (t, &tw, &th);
  draw_layout (s, t, dc->geo.time_x - tw - 6, y - th / 2, &dim);
}

static void
draw_arrow_row (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row)
{
  double alpha = step_alpha (self, dc, row->step);
  double progress = step_progress (self, dc, row->step);
  double from_x = row->dir == HL_DIR_C2S ? dc->geo.client_x : dc->geo.server_x;
  double to_x = row->dir == HL_DIR_C2S ? dc->geo.server_x : dc->geo.client_x;
  double lane = dc->geo.server_x - dc->geo.client_x;
  double mid_x = (dc->geo.client_x + dc->geo.server_x) / 2;
  /* Labels fade in as the arrow lands. */
  double text_alpha = alpha * CLAMP ((progress - 0.55) / 0.45, 0, 1);
  GdkRGBA color = tone_color (&dc->colors, row->tone);
  GdkRGBA arrow_color = with_alpha (&color, alpha * (row->ghost ? 0.6 : 1.0));
  GdkRGBA label_color = with_alpha (row->tone == HL_LADDER_TONE_ACCENT ? &dc->colors.fg : &color,
                                    text_alpha);
  gboolean has_icon = row->icon != HL_LADDER_ICON_NONE;
  g_autoptr(PangoLayout) label = make_layout (self, row->label, 1.0,
                                              row->tone == HL_LADDER_TONE_ERROR ? PANGO_WEIGHT_BOLD
                                                                               : PANGO_WEIGHT_SEMIBOLD,
                                              PANGO_STYLE_NORMAL,
                                              (int) lane - 24 - (has_icon ? ICON_SIZE + 6 : 0));
  double lw, lh, x;

  draw_selection (self, s, dc, row);
  draw_time_label (self, s, dc, row, row->arrow_y, alpha);

  /* Name (and icon) above the arrow. */
  layout_size (label, &lw, &lh);
  x = mid_x - (lw + (has_icon ? ICON_SIZE + 6 : 0)) / 2;
  if (has_icon)
    {
      GdkRGBA icon_color = with_alpha (&color, text_alpha);
      draw_icon (self, s, row->icon, x, row->arrow_y - 4 - lh + (lh - ICON_SIZE) / 2, &icon_color);
      x += ICON_SIZE + 6;
    }
  /* Above the arrow's highest point, below its lowest: clear of the slant. */
  draw_layout (s, label, x, row->arrow_y - 3 - lh, &label_color);

  if (progress > 0)
    draw_arrow (s, from_x, row->arrow_y, to_x, row->arrow_y + row->slant, progress, &arrow_color,
                row->ghost || row->dashed, row->tone == HL_LADDER_TONE_ERROR ? 3 : 2);

  /* What it does, under the arrow. */
  if (row->sublabel)
    {
      g_autoptr(PangoLayout) sub = make_layout (self, row->sublabel, 0.85, PANGO_WEIGHT_NORMAL,
                                                PANGO_STYLE_NORMAL, (int) lane - 24);
      GdkRGBA dim = with_alpha (&dc->colors.fg, 0.7 * text_alpha);
      double sw, sh;
      layout_size (sub, &sw, &sh);
      draw_layout (s, sub, mid_x - sw / 2, row->arrow_y + row->slant + 3, &dim);
    }
}

static void
draw_summary_row (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc, const HlLadderRow *row)
{
  double alpha = step_alpha (self, dc, row->step);
  double progress = step_progress (self, dc, row->step);
  double left = dc->geo.client_x, right = dc->geo.server_x;
  double lane = right - left;
  GdkRGBA pipe = with_alpha (&dc->colors.accent, 0.14 * alpha);
  GdkRGBA edge = with_alpha (&dc->colors.accent, alpha);
  GdkRGBA text = with_alpha (&dc->colors.fg, alpha * CLAMP ((progress - 0.55) / 0.45, 0, 1));
  g_autoptr(PangoLayout) label = make_layout (self, row->label, 0.95, PANGO_WEIGHT_NORMAL,
                                              PANGO_STYLE_NORMAL, (int) lane - 64);
  double lw, lh, y = row->y + 10, h = row->height - 20;
  double w = lane * progress;

  draw_selection (self, s, dc, row);
  draw_time_label (self, s, dc, row, row->y + row->height / 2, alpha);
  /* A pipe that fills from the client to the server. */
  draw_rounded (s, &GRAPHENE_RECT_INIT (left, y, w, h), h / 2, &pipe);
  if (progress >= 1)
    {
      draw_arrow (s, left + 40, y + 5, left + 6, y + 5, 1, &edge, FALSE, 2);
      draw_arrow (s, right - 40, y + h - 5, right - 6, y + h - 5, 1, &edge, FALSE, 2);
    }
  layout_size (label, &lw, &lh);
  if (row->icon != HL_LADDER_ICON_NONE)
    draw_icon (self, s, row->icon, left + (lane - lw) / 2 - ICON_SIZE - 6, y + (h - ICON_SIZE) / 2, &text);
  draw_layout (s, label, left + (lane - lw) / 2, y + (h - lh) / 2, &text);
}

static void
draw_spans (HlLadderView *self, GtkSnapshot *s, const DrawContext *dc)
{
  const HlLadderLayout *layout = self->layout;
  GdkRGBA color = with_alpha (&dc->colors.fg, 0.55);

  for (guint i = 0; i < layout->spans->len; i++)
    {
      const HlLadderSpan *span = &g_array_index (layout->spans, HlLadderSpan, i);
      const HlLadderRow *a = hl_ladder_layout_step_row (layout, span->from_step);
      const HlLadderRow *b = hl_ladder_layout_step_row (layout, span->to_step);
      double y1 = a->arrow_y, y2 = b->arrow_y + b->slant, x = dc->geo.span_x + 6;
      double alpha = step_alpha (self, dc, span->to_step);
      GdkRGBA c = with_alpha (&color, alpha);
      g_autoptr(PangoLayout) label = make_layout (self, span->label, 0.8, PANGO_WEIGHT_NORMAL,
                                                  PANGO_STYLE_NORMAL, (int) (dc->geo.width - x - 14));
      double lw, lh;

      gtk_snapshot_append_color (s, &c, &GRAPHENE_RECT_INIT (x, y1, 1.5, y2 - y1));
      gtk_snapshot_append_color (s, &c, &GRAPHENE_RECT_INIT (x - 4, y1, 8, 1.5));
      gtk_snapshot_append_color (s, &c, &GRAPHENE_RECT_INIT (x - 4, y2 - 1.5, 8, 1.5));
      layout_size (label, &lw, &lh);
      draw_layout (s, label, x + 8, (y1 + y2) / 2 - lh / 2, &c);
    }
}

static void
draw_ladder (HlLadderView *self, GtkSnapshot *s, double width, gboolean export)
{
  DrawContext dc = { .export = export, .top = 0, .bottom = G_MAXDOUBLE };
  GArray *rows = self->layout->rows;
  guint first = 0, lo, hi;

  /* On screen, only what the scrolled window shows (plus a margin for the
   * labels that reach beyond their row); redrawn when it scrolls. */
  if (!export && self->vadjustment)
    {
      dc.top = gtk_adjustment_get_value (self->vadjustment) - 64;
      dc.bottom = dc.top + gtk_adjustment_get_page_size (self->vadjustment) + 128;
    }
  /* Rows are sorted by y: the first one ending below the top. */
  for (lo = 0, hi = rows->len; lo < hi;)
    {
      guint mid = (lo + hi) / 2;
      const HlLadderRow *row = &g_array_index (rows, HlLadderRow, mid);
      if (row->y + row->height < dc.top)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;

  hl_ladder_geometry (width, &dc.geo);
  hl_ladder_view_get_colors (self, &dc.colors);
  draw_header (self, s, &dc);
  draw_lifelines (self, s, &dc);
  for (guint i = first; i < rows->len; i++)
    {
      const HlLadderRow *row = &g_array_index (rows, HlLadderRow, i);
      if (row->y > dc.bottom)
        break;
      switch (row->kind)
        {
        case HL_LADDER_ROW_BAND:
          draw_band (self, s, &dc, row);
          break;
        case HL_LADDER_ROW_SILENCE:
          draw_silence (self, s, &dc, row);
          break;
        case HL_LADDER_ROW_ARROW:
          draw_arrow_row (self, s, &dc, row);
          break;
        case HL_LADDER_ROW_SUMMARY:
          draw_summary_row (self, s, &dc, row);
          break;
        }
    }
  draw_spans (self, s, &dc);
}

static void
hl_ladder_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);

  if (self->layout == NULL)
    return;
  draw_ladder (self, snapshot, gtk_widget_get_width (widget), FALSE);
}

static gboolean scroll_idle (gpointer data);

static void
hl_ladder_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);

  if (self->scroll_pending && self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_idle, self, NULL);
}

static void
hl_ladder_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = HL_LADDER_MIN_WIDTH;
      *natural = 760;
    }
  else
    *minimum = *natural = self->layout ? (int) ceil (self->layout->height) : 0;
}

gboolean
hl_ladder_view_save_png (HlLadderView *self, const char *path, GError **error)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  HlLadderColors colors;
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 760);
  double height;

  g_return_val_if_fail (self->layout != NULL, FALSE);
  height = self->layout->height;
  hl_ladder_view_get_colors (self, &colors);
  gtk_snapshot_append_color (snapshot, &colors.bg, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_ladder (self, snapshot, width, TRUE);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return hl_render_node_to_png (GTK_WIDGET (self), node, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                path, error);
}

/* ---- state ---- */

static void
update_accessible (HlLadderView *self)
{
  const HlEvent *e = hl_ladder_view_get_current_event (self);
  g_autofree char *label = NULL, *description = NULL;

  if (self->layout == NULL || e == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Handshake ladder"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No connection selected"),
                                      -1);
      return;
    }
  else
    {
      const HlLadderRow *row = hl_ladder_layout_step_row (self->layout, self->step);
      /* Translators: accessible name of the ladder, e.g. "Handshake ladder, step 3 of 9". */
      label = g_strdup_printf (_("Handshake ladder, step %d of %u"), self->step + 1,
                               hl_ladder_layout_n_steps (self->layout));
      description = g_strdup_printf ("%s. %s %s%s%s",
                                     row->label,
                                     e->dir == HL_DIR_C2S ? _("From the client to the server,")
                                                          : _("From the server to the client,"),
                                     row->time_label,
                                     row->sublabel ? ". " : "",
                                     row->sublabel ? row->sublabel : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

static gboolean
scroll_idle (gpointer data)
{
  HlLadderView *self = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  const HlLadderRow *row;
  GtkAdjustment *adj;

  self->scroll_id = 0;
  if (scroller == NULL || self->layout == NULL || self->step < 0)
    {
      self->scroll_pending = FALSE;
      return G_SOURCE_REMOVE;
    }
  row = hl_ladder_layout_step_row (self->layout, self->step);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* Not laid out at this size yet: size_allocate () calls again. */
  if (gtk_adjustment_get_upper (adj) < self->layout->height || gtk_adjustment_get_page_size (adj) <= 0)
    return G_SOURCE_REMOVE;
  self->scroll_pending = FALSE;
  if (self->playing)
    /* Follow the replay without jumping: just keep the arrow in view. */
    gtk_adjustment_clamp_page (adj, MAX (0, row->y - 40), row->y + row->height + 40);
  else if (row->y < gtk_adjustment_get_value (adj) ||
           row->y + row->height > gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj))
    /* A jump (selection, evidence): put the arrow in the middle, with its context. */
    gtk_adjustment_set_value (adj, row->y + row->height / 2 - gtk_adjustment_get_page_size (adj) / 2);
  return G_SOURCE_REMOVE;
}

/* After the next layout, so a new connection's size is known. */
static void
scroll_to_step (HlLadderView *self)
{
  self->scroll_pending = TRUE;
  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_idle, self, NULL);
}

static void stop_dwell (HlLadderView *self);
static void schedule_next (HlLadderView *self);

static void
on_landed (HlLadderView *self)
{
  g_signal_emit (self, signals[STEP_LANDED], 0);
  if (self->playing)
    schedule_next (self);
}

static void
animation_value_cb (double value, gpointer data)
{
  HlLadderView *self = data;

  if (!self->frozen)
    self->progress = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
animation_done_cb (AdwAnimation *animation, HlLadderView *self)
{
  on_landed (self);
}

static void
go_to_step (HlLadderView *self, int step, gboolean animate)
{
  guint n = self->layout ? hl_ladder_layout_n_steps (self->layout) : 0;

  if (n == 0)
    step = -1;
  else
    step = CLAMP (step, 0, (int) n - 1);

  adw_animation_reset (self->animation);
  self->frozen = FALSE;
  if (step != self->step)
    {
      self->step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  scroll_to_step (self);
  update_accessible (self);
  if (animate && step >= 0)
    {
      self->progress = 0;
      adw_timed_animation_set_duration (ADW_TIMED_ANIMATION (self->animation),
                                        (guint) (ANIMATION_MS / self->speed));
      adw_animation_play (self->animation);
    }
  else
    {
      self->progress = 1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      on_landed (self);
    }
}

static gboolean
dwell_done (gpointer data)
{
  HlLadderView *self = data;
  guint n = hl_ladder_view_get_n_steps (self);

  self->dwell_id = 0;
  if (self->step + 1 < (int) n)
    go_to_step (self, self->step + 1, TRUE);
  else
    hl_ladder_view_set_playing (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
stop_dwell (HlLadderView *self)
{
  g_clear_handle_id (&self->dwell_id, g_source_remove);
}

static void
schedule_next (HlLadderView *self)
{
  stop_dwell (self);
  if (self->step + 1 >= (int) hl_ladder_view_get_n_steps (self))
    {
      hl_ladder_view_set_playing (self, FALSE);
      return;
    }
  self->dwell_id = g_timeout_add ((guint) (DWELL_MS / self->speed), dwell_done, self);
}

void
hl_ladder_view_set_playing (HlLadderView *self, gboolean playing)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));

  playing = playing && hl_ladder_view_get_n_steps (self) > 0;
  if (playing == self->playing)
    return;
  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  if (!playing)
    {
      stop_dwell (self);
      return;
    }
  self->replay = TRUE;
  /* From the end, play again from the start. */
  if (self->step + 1 >= (int) hl_ladder_view_get_n_steps (self))
    go_to_step (self, 0, TRUE);
  else
    go_to_step (self, self->step + 1, TRUE);
}

gboolean
hl_ladder_view_get_playing (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), FALSE);
  return self->playing;
}

void
hl_ladder_view_step_forward (HlLadderView *self)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  stop_dwell (self);
  self->replay = TRUE;
  if (self->step + 1 < (int) hl_ladder_view_get_n_steps (self))
    go_to_step (self, self->step + 1, TRUE);
}

void
hl_ladder_view_step_back (HlLadderView *self)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  hl_ladder_view_set_playing (self, FALSE);
  self->replay = TRUE;
  if (self->step > 0)
    go_to_step (self, self->step - 1, FALSE);
}

void
hl_ladder_view_rewind (HlLadderView *self)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  hl_ladder_view_set_playing (self, FALSE);
  self->replay = TRUE;
  go_to_step (self, 0, FALSE);
}

void
hl_ladder_view_set_step (HlLadderView *self, int step, gboolean animate)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  stop_dwell (self);
  if (!animate)
    {
      hl_ladder_view_set_playing (self, FALSE);
      self->replay = FALSE;
    }
  go_to_step (self, step, animate);
}

int
hl_ladder_view_get_step (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), -1);
  return self->step;
}

guint
hl_ladder_view_get_n_steps (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), 0);
  return self->layout ? hl_ladder_layout_n_steps (self->layout) : 0;
}

const HlEvent *
hl_ladder_view_get_current_event (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), NULL);
  if (self->layout == NULL || self->step < 0)
    return NULL;
  return hl_ladder_layout_step_row (self->layout, self->step)->event;
}

const HlLadderLayout *
hl_ladder_view_get_layout (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), NULL);
  return self->layout;
}

HlConnectionItem *
hl_ladder_view_get_connection (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), NULL);
  return self->item;
}

static void
rebuild_layout (HlLadderView *self)
{
  guint old_n = hl_ladder_view_get_n_steps (self);

  g_clear_pointer (&self->layout, hl_ladder_layout_free);
  g_clear_pointer (&self->evidence, g_free);
  if (self->item)
    {
      self->layout = hl_ladder_layout_new (hl_connection_item_get_connection (self->item),
                                           self->time_scale);
      self->evidence = g_new0 (gboolean, MAX (1, hl_ladder_layout_n_steps (self->layout)));
    }
  if (old_n != hl_ladder_view_get_n_steps (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
hl_ladder_view_set_connection (HlLadderView *self, HlConnectionItem *item)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));

  hl_ladder_view_set_playing (self, FALSE);
  adw_animation_reset (self->animation);
  if (!g_set_object (&self->item, item) && self->layout)
    return;
  self->step = -2;  /* forces a notify below */
  self->replay = FALSE;
  rebuild_layout (self);
  go_to_step (self, hl_ladder_view_get_n_steps (self) > 0 ? 0 : -1, FALSE);
}

void
hl_ladder_view_set_time_scale (HlLadderView *self, HlLadderTimeScale scale)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  if (scale == self->time_scale)
    return;
  self->time_scale = scale;
  if (self->item)
    {
      /* Same steps, new positions: keep the current step and marks. */
      g_autofree gboolean *evidence = g_steal_pointer (&self->evidence);
      guint n = hl_ladder_view_get_n_steps (self);
      rebuild_layout (self);
      if (evidence)
        memcpy (self->evidence, evidence, sizeof (gboolean) * MAX (1, n));
      scroll_to_step (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_SCALE]);
}

void
hl_ladder_view_set_speed (HlLadderView *self, double speed)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  speed = CLAMP (speed, 0.25, 4.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
hl_ladder_view_get_speed (HlLadderView *self)
{
  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), 1.0);
  return self->speed;
}

guint
hl_ladder_view_mark_evidence (HlLadderView *self, const GArray *frames, gboolean error,
                              gboolean select)
{
  g_autoptr(GArray) steps = NULL;
  guint n = hl_ladder_view_get_n_steps (self);

  g_return_val_if_fail (HL_IS_LADDER_VIEW (self), 0);
  if (self->layout == NULL)
    return 0;
  memset (self->evidence, 0, sizeof (gboolean) * MAX (1, n));
  self->evidence_error = error;
  steps = hl_ladder_layout_steps_for_frames (self->layout, frames);
  for (guint i = 0; i < steps->len; i++)
    self->evidence[g_array_index (steps, guint, i)] = TRUE;
  if (select && steps->len > 0)
    {
      /* Where it went wrong: the first alert or reset among the evidence,
       * else the latest evidence. */
      guint target = g_array_index (steps, guint, steps->len - 1);
      for (guint i = 0; i < steps->len; i++)
        {
          guint step = g_array_index (steps, guint, i);
          if (hl_event_is_failure (hl_ladder_layout_step_row (self->layout, step)->event))
            {
              target = step;
              break;
            }
        }
      hl_ladder_view_set_step (self, target, FALSE);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return steps->len;
}

void
hl_ladder_view_freeze_progress (HlLadderView *self, double progress)
{
  g_return_if_fail (HL_IS_LADDER_VIEW (self));
  hl_ladder_view_set_playing (self, FALSE);
  adw_animation_reset (self->animation);
  self->frozen = TRUE;
  self->progress = CLAMP (progress, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- scrolling ---- */

static void
hl_ladder_view_root (GtkWidget *widget)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);
  GtkWidget *scroller;

  GTK_WIDGET_CLASS (hl_ladder_view_parent_class)->root (widget);
  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return;
  g_set_object (&self->vadjustment, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "notify::page-size", G_CALLBACK (gtk_widget_queue_draw),
                           self, G_CONNECT_SWAPPED);
}

static void
hl_ladder_view_unroot (GtkWidget *widget)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);

  if (self->vadjustment)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  GTK_WIDGET_CLASS (hl_ladder_view_parent_class)->unroot (widget);
}

/* ---- input ---- */

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, HlLadderView *self)
{
  int step;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;
  step = hl_ladder_layout_step_at (self->layout, y);
  if (step < 0)
    return;
  hl_ladder_view_set_step (self, step, FALSE);
  if (n_press == 2)
    g_signal_emit (self, signals[STEP_ACTIVATED], 0);
}

static void
action_select (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HlLadderView *self = HL_LADDER_VIEW (widget);
  int delta = g_variant_get_int32 (param);
  int n = hl_ladder_view_get_n_steps (self);

  if (n == 0)
    return;
  if (delta == G_MININT32)
    hl_ladder_view_set_step (self, 0, FALSE);
  else if (delta == G_MAXINT32)
    hl_ladder_view_set_step (self, n - 1, FALSE);
  else
    hl_ladder_view_set_step (self, CLAMP (self->step + delta, 0, n - 1), FALSE);
}

static void
action_activate (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_signal_emit (widget, signals[STEP_ACTIVATED], 0);
}

static void
on_focus_changed (HlLadderView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GObject ---- */

static void
hl_ladder_view_dispose (GObject *object)
{
  HlLadderView *self = HL_LADDER_VIEW (object);

  stop_dwell (self);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->animation);
  g_clear_object (&self->item);
  g_clear_pointer (&self->layout, hl_ladder_layout_free);
  g_clear_pointer (&self->evidence, g_free);
  G_OBJECT_CLASS (hl_ladder_view_parent_class)->dispose (object);
}

static void
hl_ladder_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HlLadderView *self = HL_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, hl_ladder_view_get_n_steps (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_TIME_SCALE:
      g_value_set_enum (value, self->time_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_ladder_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HlLadderView *self = HL_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      hl_ladder_view_set_step (self, g_value_get_int (value), FALSE);
      break;
    case PROP_PLAYING:
      hl_ladder_view_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      hl_ladder_view_set_speed (self, g_value_get_double (value));
      break;
    case PROP_TIME_SCALE:
      hl_ladder_view_set_time_scale (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_select_binding (GtkWidgetClass *widget_class, guint key, int delta)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "ladder.select", "i", delta);
}

static void
hl_ladder_view_class_init (HlLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_ladder_view_dispose;
  object_class->get_property = hl_ladder_view_get_property;
  object_class->set_property = hl_ladder_view_set_property;
  widget_class->snapshot = hl_ladder_view_snapshot;
  widget_class->measure = hl_ladder_view_measure;
  widget_class->size_allocate = hl_ladder_view_size_allocate;
  widget_class->root = hl_ladder_view_root;
  widget_class->unroot = hl_ladder_view_unroot;

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, -2, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_SCALE] =
    g_param_spec_enum ("time-scale", NULL, NULL, HL_TYPE_LADDER_TIME_SCALE,
                       HL_LADDER_TIME_PROPORTIONAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The current arrow has landed: show its explanation. */
  signals[STEP_LANDED] = g_signal_new ("step-landed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter or double click on an arrow. */
  signals[STEP_ACTIVATED] = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "ladder.select", "i", action_select);
  gtk_widget_class_install_action (widget_class, "ladder.activate", NULL, action_activate);
  add_select_binding (widget_class, GDK_KEY_Up, -1);
  add_select_binding (widget_class, GDK_KEY_KP_Up, -1);
  add_select_binding (widget_class, GDK_KEY_Down, 1);
  add_select_binding (widget_class, GDK_KEY_KP_Down, 1);
  add_select_binding (widget_class, GDK_KEY_Page_Up, -5);
  add_select_binding (widget_class, GDK_KEY_Page_Down, 5);
  add_select_binding (widget_class, GDK_KEY_Home, G_MININT32);
  add_select_binding (widget_class, GDK_KEY_End, G_MAXINT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "ladder.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "ladder.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "ladder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hl_ladder_view_init (HlLadderView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->step = -1;
  self->progress = 1;
  self->speed = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, ANIMATION_MS,
                                             adw_callback_animation_target_new (animation_value_cb,
                                                                                self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect (self->animation, "done", G_CALLBACK (animation_done_cb), self);
  update_accessible (self);
}

GtkWidget *
hl_ladder_view_new (void)
{
  return g_object_new (HL_TYPE_LADDER_VIEW, NULL);
}
