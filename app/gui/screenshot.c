/* screenshot.c: render the window to a PNG after loading, then quit. */
#include "config.h"
#include "screenshot.h"

#include <stdlib.h>
#include "field.h"
#include "render.h"

#define SETTLE_MS     900   /* layout, fade-ins and scrolling settle ... */
#define SETTLE_FRAMES  20   /* ... over at least this many painted frames */

gboolean
hl_screenshot_requested (void)
{
  const char *path = g_getenv ("HL_SCREENSHOT");
  return path && *path;
}

void
hl_screenshot_apply_style (void)
{
  if (hl_screenshot_requested () && g_getenv ("HL_SCREENSHOT_DARK"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
}

typedef struct {
  gint64 start_us;
  guint  frames;
} Settle;

static void
write_and_quit (HlWindow *window)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("HL_SCREENSHOT");

  if (!hl_render_widget_to_png (GTK_WIDGET (window), path, &error))
    g_printerr ("handshake-lens: screenshot: %s\n", error->message);
  else
    g_print ("%s\n", path);
  g_application_quit (g_application_get_default ());
}

/* Renders once the window has painted for a while, however slow the
 * display server was to start. */
static gboolean
settle_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Settle *settle = data;

  if (++settle->frames < SETTLE_FRAMES ||
      g_get_monotonic_time () - settle->start_us < SETTLE_MS * 1000)
    {
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  write_and_quit (HL_WINDOW (widget));
  return G_SOURCE_REMOVE;
}

static void
settle_then_write (HlWindow *window)
{
  Settle *settle = g_new0 (Settle, 1);

  settle->start_us = g_get_monotonic_time ();
  gtk_widget_add_tick_callback (GTK_WIDGET (window), settle_tick, settle, g_free);
}

/* A field by name, or by the start of its value ("server_name"). */
static HlField *
find_field (HlField *f, const char *key)
{
  if (f == NULL)
    return NULL;
  if (g_strcmp0 (f->name, key) == 0 || (f->value && g_str_has_prefix (f->value, key)))
    return f;
  for (guint i = 0; i < hl_field_n_children (f); i++)
    {
      HlField *hit = find_field (hl_field_child (f, i), key);
      if (hit)
        return hit;
    }
  return NULL;
}

static void
apply (HlWindow *window)
{
  HlLadderView *ladder = hl_window_get_ladder (window);
  HlDetailPane *pane = hl_window_get_detail_pane (window);
  const char *conn = g_getenv ("HL_SCREENSHOT_CONNECTION");
  const char *step = g_getenv ("HL_SCREENSHOT_STEP");
  const char *progress = g_getenv ("HL_SCREENSHOT_PROGRESS");
  const char *page = g_getenv ("HL_SCREENSHOT_PAGE");
  const char *field = g_getenv ("HL_SCREENSHOT_FIELD");
  const char *reg = g_getenv ("HL_SCREENSHOT_REGISTER");
  const char *time = g_getenv ("HL_SCREENSHOT_TIME");

  if (time)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.time-scale", "s", time);
  if (reg)
    g_object_set (pane, "register", reg, NULL);
  if (conn)
    hl_window_select_connection (window, g_ascii_strtoull (conn, NULL, 10));
  if (step)
    {
      int n = atoi (step);
      hl_ladder_view_rewind (ladder);
      for (int i = 1; i < n; i++)
        hl_ladder_view_step_forward (ladder);
      if (progress)
        hl_ladder_view_freeze_progress (ladder, g_ascii_strtod (progress, NULL));
    }
  if (page)
    hl_detail_pane_set_page (pane, page);
  if (field)
    {
      const HlEvent *e = hl_ladder_view_get_current_event (ladder);
      HlField *f = e ? find_field (e->fields, field) : NULL;
      if (f)
        hl_detail_pane_select_field (pane, f);
      else
        g_printerr ("handshake-lens: screenshot: no field “%s” in this step\n", field);
    }
  hl_window_dismiss_toasts (window);
  settle_then_write (window);
}

/* Loaded and on screen, in either order. */
static void
maybe_apply (HlWindow *window)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (window)) ||
      !g_object_get_data (G_OBJECT (window), "hl-screenshot-loaded") ||
      g_object_get_data (G_OBJECT (window), "hl-screenshot-applied"))
    return;
  g_object_set_data (G_OBJECT (window), "hl-screenshot-applied", GINT_TO_POINTER (TRUE));
  apply (window);
}

static void
on_load_finished (HlWindow *window)
{
  g_object_set_data (G_OBJECT (window), "hl-screenshot-loaded", GINT_TO_POINTER (TRUE));
  maybe_apply (window);
}

static void
on_map (HlWindow *window)
{
  const char *view = g_getenv ("HL_SCREENSHOT_VIEW");

  if (view == NULL)
    {
      maybe_apply (window);
      return;
    }
  if (g_str_equal (view, "examples"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-examples", NULL);
  settle_then_write (window);
}

void
hl_screenshot_attach (HlWindow *window)
{
  const char *size = g_getenv ("HL_SCREENSHOT_SIZE");
  int w = 1280, h = 820;

  if (!hl_screenshot_requested ())
    return;
  if (size && sscanf (size, "%dx%d", &w, &h) != 2)
    w = 1280, h = 820;
  gtk_window_set_default_size (GTK_WINDOW (window), w, h);
  g_signal_connect (window, "load-finished", G_CALLBACK (on_load_finished), NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}
