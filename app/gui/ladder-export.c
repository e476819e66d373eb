/* ladder-export.c: the ladder as an SVG document. */
#include "config.h"
#include "ladder-export.h"

#include <math.h>

#define FONT "font-family=\"Cantarell, 'Noto Sans', sans-serif\""

static void
color_attr (GString *s, const char *attr, const GdkRGBA *c, double alpha)
{
  g_string_append_printf (s, " %s=\"#%02x%02x%02x\"", attr,
                          (int) round (CLAMP (c->red, 0, 1) * 255),
                          (int) round (CLAMP (c->green, 0, 1) * 255),
                          (int) round (CLAMP (c->blue, 0, 1) * 255));
  if (c->alpha * alpha < 1.0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (s, " %s-opacity=\"%s\"", attr,
                              g_ascii_formatd (buf, sizeof buf, "%.3f", c->alpha * alpha));
    }
}

/* Numbers with a dot whatever the locale. */
static const char *
num (char buf[G_ASCII_DTOSTR_BUF_SIZE], double v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.1f", v);
}

static void
text (GString *s, double x, double y, const char *anchor, double size, const char *weight,
      gboolean italic, const GdkRGBA *color, double alpha, const char *content)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *escaped = g_markup_escape_text (content, -1);

  g_string_append_printf (s, "  <text x=\"%s\" y=\"%s\" text-anchor=\"%s\" font-size=\"%s\" "
                          "font-weight=\"%s\"%s " FONT,
                          num (a, x), num (b, y), anchor, num (c, size), weight,
                          italic ? " font-style=\"italic\"" : "");
  color_attr (s, "fill", color, alpha);
  g_string_append_printf (s, ">%s</text>\n", escaped);
}

static void
line (GString *s, double x1, double y1, double x2, double y2, const GdkRGBA *color, double alpha,
      double width, gboolean dashed)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
       d[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "  <line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke-width=\"%s\" "
                          "stroke-linecap=\"round\"%s",
                          num (a, x1), num (b, y1), num (c, x2), num (d, y2), num (w, width),
                          dashed ? " stroke-dasharray=\"6 5\"" : "");
  color_attr (s, "stroke", color, alpha);
  g_string_append (s, "/>\n");
}

static void
rect (GString *s, double x, double y, double w, double h, double r, const GdkRGBA *color, double alpha)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
       d[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\"",
                          num (a, x), num (b, y), num (c, MAX (w, 0)), num (d, MAX (h, 0)), num (e, r));
  color_attr (s, "fill", color, alpha);
  g_string_append (s, "/>\n");
}

static void
arrow (GString *s, double x1, double y1, double x2, double y2, const GdkRGBA *color, double alpha,
       double width, gboolean dashed)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE],
       d[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];
  double angle = atan2 (y2 - y1, x2 - x1);
  const double head = 11, spread = 0.42;

  g_string_append_printf (s, "  <circle cx=\"%s\" cy=\"%s\" r=\"3\"", num (a, x1), num (b, y1));
  color_attr (s, "fill", color, alpha);
  g_string_append (s, "/>\n");
  line (s, x1, y1, x2 - head * 0.6 * cos (angle), y2 - head * 0.6 * sin (angle), color, alpha, width, dashed);
  g_string_append_printf (s, "  <polygon points=\"%s,%s %s,%s %s,%s\"",
                          num (a, x2), num (b, y2),
                          num (c, x2 - head * cos (angle - spread)), num (d, y2 - head * sin (angle - spread)),
                          num (e, x2 - head * cos (angle + spread)), num (f, y2 - head * sin (angle + spread)));
  color_attr (s, "fill", color, alpha);
  g_string_append (s, "/>\n");
}

/* Small glyphs standing in for the symbolic icons. */
static void
icon (GString *s, HlLadderIcon kind, double x, double y, const GdkRGBA *color)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  switch (kind)
    {
    case HL_LADDER_ICON_LOCKED:
    case HL_LADDER_ICON_UNLOCKED:
      rect (s, x + 2, y + 7, 12, 9, 1.5, color, 1);
      g_string_append_printf (s, "  <path d=\"M %s %s v -3 a 4 4 0 0 1 8 0 %s\" fill=\"none\" stroke-width=\"2\"",
                              num (a, x + 4), num (b, y + 7),
                              kind == HL_LADDER_ICON_LOCKED ? "v 3" : "v -1");
      color_attr (s, "stroke", color, 1);
      g_string_append (s, "/>\n");
      break;
    case HL_LADDER_ICON_ERROR:
      g_string_append_printf (s, "  <circle cx=\"%s\" cy=\"%s\" r=\"7.5\"", num (a, x + 8), num (b, y + 8));
      color_attr (s, "fill", color, 1);
      g_string_append (s, "/>\n");
      text (s, x + 8, y + 12.5, "middle", 12, "bold", FALSE, &(GdkRGBA) { 1, 1, 1, 1 }, 1, "!");
      break;
    case HL_LADDER_ICON_WARNING:
      g_string_append_printf (s, "  <polygon points=\"%s,%s ", num (a, x + 8), num (b, y));
      g_string_append_printf (s, "%s,%s ", num (a, x + 16), num (b, y + 15));
      g_string_append_printf (s, "%s,%s\"", num (a, x), num (b, y + 15));
      color_attr (s, "fill", color, 1);
      g_string_append (s, "/>\n");
      text (s, x + 8, y + 13.5, "middle", 11, "bold", FALSE, &(GdkRGBA) { 1, 1, 1, 1 }, 1, "!");
      break;
    case HL_LADDER_ICON_NONE:
    default:
      break;
    }
}

static GdkRGBA
tone (const HlLadderColors *c, HlLadderTone t, double *alpha)
{
  *alpha = 1;
  switch (t)
    {
    case HL_LADDER_TONE_ACCENT:
      return c->accent;
    case HL_LADDER_TONE_MUTED:
      *alpha = 0.55;
      return c->fg;
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

char *
hl_ladder_export_svg (const HlLadderLayout *layout, const HlLadderColors *c, double width)
{
  GString *s = g_string_new (NULL);
  HlLadderGeometry g;
  double mid, top = HL_LADDER_HEADER_HEIGHT - 6;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  hl_ladder_geometry (width, &g);
  mid = (g.client_x + g.server_x) / 2;
  g_string_append_printf (s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\">\n",
                          num (a, g.width), num (b, layout->height), a, b);
  rect (s, 0, 0, g.width, layout->height, 0, &c->bg, 1);

  /* Header and lifelines (dashed across silences). */
  rect (s, g.client_x - 90, 8, 180, 44, 8, &c->fg, 0.07);
  rect (s, g.server_x - 90, 8, 180, 44, 8, &c->fg, 0.07);
  text (s, g.client_x, 27, "middle", 14, "bold", FALSE, &c->fg, 1, layout->client_title);
  text (s, g.client_x, 44, "middle", 12, "normal", FALSE, &c->fg, 0.7, layout->client_detail);
  text (s, g.server_x, 27, "middle", 14, "bold", FALSE, &c->fg, 1, layout->server_title);
  text (s, g.server_x, 44, "middle", 12, "normal", FALSE, &c->fg, 0.7, layout->server_detail);
  for (guint i = 0; i < layout->rows->len; i++)
    {
      const HlLadderRow *row = &g_array_index (layout->rows, HlLadderRow, i);
      if (row->kind != HL_LADDER_ROW_SILENCE)
        continue;
      line (s, g.client_x, top, g.client_x, row->y, &c->fg, 0.28, 2, FALSE);
      line (s, g.server_x, top, g.server_x, row->y, &c->fg, 0.28, 2, FALSE);
      line (s, g.client_x, row->y, g.client_x, row->y + row->height, &c->fg, 0.28, 2, TRUE);
      line (s, g.server_x, row->y, g.server_x, row->y + row->height, &c->fg, 0.28, 2, TRUE);
      top = row->y + row->height;
    }
  line (s, g.client_x, top, g.client_x, layout->height - 12, &c->fg, 0.28, 2, FALSE);
  line (s, g.server_x, top, g.server_x, layout->height - 12, &c->fg, 0.28, 2, FALSE);

  for (guint i = 0; i < layout->rows->len; i++)
    {
      const HlLadderRow *row = &g_array_index (layout->rows, HlLadderRow, i);
      double alpha;
      GdkRGBA color = tone (c, row->tone, &alpha);

      switch (row->kind)
        {
        case HL_LADDER_ROW_BAND:
          {
            double x = MAX (4, g.time_x - 60), w = MIN (g.span_x + 60, g.width - 4) - x;
            const GdkRGBA *tint = row->tone == HL_LADDER_TONE_NORMAL ? &c->fg : &color;
            double tx = x + 10;
            rect (s, x, row->y + 5, w, row->height - 10, 6, tint,
                  row->tone == HL_LADDER_TONE_NORMAL ? 0.05 : 0.12);
            if (row->icon != HL_LADDER_ICON_NONE)
              {
                icon (s, row->icon, tx, row->y + (row->height - 16) / 2, tint);
                tx += 22;
              }
            text (s, tx, row->y + row->height / 2 + 4.5, "start", 12.5, "bold", FALSE, tint,
                  row->tone == HL_LADDER_TONE_NORMAL ? 0.75 : 1, row->label);
            if (row->time_label)
              text (s, x + w - 10, row->y + row->height / 2 + 4.5, "end", 12, "normal", TRUE, tint,
                    row->tone == HL_LADDER_TONE_NORMAL ? 0.75 : 1, row->time_label);
          }
          break;
        case HL_LADDER_ROW_SILENCE:
          text (s, mid, row->y + row->height / 2 + 4.5, "middle", 12.5, "normal", TRUE, &color, alpha,
                row->label);
          break;
        case HL_LADDER_ROW_ARROW:
          {
            double from = row->dir == HL_DIR_C2S ? g.client_x : g.server_x;
            double to = row->dir == HL_DIR_C2S ? g.server_x : g.client_x;
            double label_y = row->arrow_y - 7;
            const GdkRGBA *label_color = row->tone == HL_LADDER_TONE_ACCENT ? &c->fg : &color;

            text (s, g.time_x - 6, row->arrow_y + 4, "end", 11, "normal", FALSE, &c->fg, 0.6, row->time_label);
            if (row->icon != HL_LADDER_ICON_NONE)
              icon (s, row->icon, g.client_x + 12, label_y - 13, &color);
            text (s, mid, label_y, "middle", 14, row->tone == HL_LADDER_TONE_ERROR ? "bold" : "600",
                  FALSE, label_color, row->tone == HL_LADDER_TONE_ACCENT ? 1 : alpha, row->label);
            arrow (s, from, row->arrow_y, to, row->arrow_y + row->slant, &color,
                   alpha * (row->ghost ? 0.6 : 1), row->tone == HL_LADDER_TONE_ERROR ? 3 : 2,
                   row->ghost || row->dashed);
            if (row->sublabel)
              text (s, mid, row->arrow_y + row->slant + 15, "middle", 12, "normal", FALSE, &c->fg, 0.7,
                    row->sublabel);
          }
          break;
        case HL_LADDER_ROW_SUMMARY:
          {
            double y = row->y + 10, h = row->height - 20;
            text (s, g.time_x - 6, row->y + row->height / 2 + 4, "end", 11, "normal", FALSE, &c->fg, 0.6,
                  row->time_label);
            rect (s, g.client_x, y, g.server_x - g.client_x, h, h / 2, &c->accent, 0.14);
            arrow (s, g.client_x + 40, y + 5, g.client_x + 6, y + 5, &c->accent, 1, 2, FALSE);
            arrow (s, g.server_x - 40, y + h - 5, g.server_x - 6, y + h - 5, &c->accent, 1, 2, FALSE);
            text (s, mid, y + h / 2 + 4.5, "middle", 13, "normal", FALSE, &c->fg, 1, row->label);
          }
          break;
        }
    }

  for (guint i = 0; i < layout->spans->len; i++)
    {
      const HlLadderSpan *span = &g_array_index (layout->spans, HlLadderSpan, i);
      const HlLadderRow *ra = hl_ladder_layout_step_row (layout, span->from_step);
      const HlLadderRow *rb = hl_ladder_layout_step_row (layout, span->to_step);
      double y1 = ra->arrow_y, y2 = rb->arrow_y + rb->slant, x = g.span_x + 6;

      line (s, x, y1, x, y2, &c->fg, 0.55, 1.5, FALSE);
      line (s, x - 4, y1, x + 4, y1, &c->fg, 0.55, 1.5, FALSE);
      line (s, x - 4, y2, x + 4, y2, &c->fg, 0.55, 1.5, FALSE);
      text (s, x + 8, (y1 + y2) / 2 + 4, "start", 11, "normal", FALSE, &c->fg, 0.55, span->label);
    }
  g_string_append (s, "</svg>\n");
  return g_string_free (s, FALSE);
}
