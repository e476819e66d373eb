/* gui-load: how the window behaves while it loads a large capture.
 *
 * Opens FILE in a real HlWindow (under Xvfb from tests/bench/gui-load.sh)
 * and, until "load-finished", measures:
 *   - the main loop's lateness: a 5 ms timer records how late each tick
 *     comes (a loop busy with rows or drawing shows as lateness);
 *   - the frame clock: the gaps between the window's frames;
 *   - what a user does meanwhile: every 100 ms the next row is selected,
 *     so the ladder lays out and draws a new connection.
 * Then it goes on as long again (at least a second) with the capture
 * loaded, clicking through rows the same way: that is the baseline the
 * loading figures are compared with.  Prints a line of key=value figures
 * for each phase; no assertions (figures go into notes). */
#include <adwaita.h>
#include <stdio.h>

#include "connection-item.h"
#include "gui-test-util.h"

typedef struct {
  gint64  start, first_row, finished;
  gint64  last_tick, last_frame;
  GArray *late_us;     /* gint64: lateness of each 5 ms tick */
  GArray *frame_us;    /* gint64: gaps between frames */
  guint   selections;
  guint64 next_id;
  HlWindow *window;
  gboolean done;
} Bench;

#define TICK_MS 5

static gboolean
on_tick (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - b->last_tick - TICK_MS * 1000;

  g_array_append_val (b->late_us, late);
  b->last_tick = now;
  if (b->first_row == 0 && g_list_model_get_n_items (hl_window_get_connection_list (b->window)) > 0)
    b->first_row = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->last_frame)
    {
      gint64 gap = now - b->last_frame;
      g_array_append_val (b->frame_us, gap);
    }
  b->last_frame = now;
  return G_SOURCE_CONTINUE;
}

/* A user clicking through the rows as they arrive. */
static gboolean
on_select (gpointer data)
{
  Bench *b = data;
  GListModel *list = hl_window_get_connection_list (b->window);
  guint n = g_list_model_get_n_items (list);

  if (n > 0)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (list, b->selections % n);
      if (hl_window_select_connection (b->window, hl_connection_item_get_id (item)))
        b->selections++;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_load_finished (HlWindow *window, gpointer data)
{
  Bench *b = data;

  b->finished = g_get_monotonic_time ();
  b->done = TRUE;
}

static gboolean
on_idle_end (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gint
cmp_i64 (gconstpointer a, gconstpointer b)
{
  return (*(const gint64 *) a > *(const gint64 *) b) - (*(const gint64 *) a < *(const gint64 *) b);
}

/* The q-quantile (0..1) of v in ms, v sorted. */
static double
quantile_ms (GArray *v, double q)
{
  guint i;

  if (v->len == 0)
    return 0;
  i = (guint) (q * (v->len - 1) + 0.5);
  return g_array_index (v, gint64, i) / 1000.0;
}

static long rss_kb (void);

/* One line of figures for a phase of `span` microseconds. */
static void
report (const char *phase, Bench *b, gint64 span)
{
  g_array_sort (b->late_us, cmp_i64);
  g_array_sort (b->frame_us, cmp_i64);
  printf ("%s: rows=%u seconds=%.2f first_row_ms=%.0f selections=%u ticks=%u tick_late_p50_ms=%.1f "
          "tick_late_p99_ms=%.1f tick_late_max_ms=%.1f frames=%u frame_gap_p50_ms=%.1f "
          "frame_gap_p99_ms=%.1f frame_gap_max_ms=%.1f peak_rss_mb=%.0f\n", phase,
          g_list_model_get_n_items (hl_window_get_connection_list (b->window)), span / 1e6,
          b->first_row > 0 ? (b->first_row - b->start) / 1e3 : -1.0,
          b->selections, b->late_us->len, quantile_ms (b->late_us, 0.5), quantile_ms (b->late_us, 0.99),
          quantile_ms (b->late_us, 1.0), b->frame_us->len, quantile_ms (b->frame_us, 0.5),
          quantile_ms (b->frame_us, 0.99), quantile_ms (b->frame_us, 1.0), rss_kb () / 1024.0);
  fflush (stdout);
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (p = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return strtol (p + 6, NULL, 10);
}

int
main (int argc, char **argv)
{
  Bench b = { 0 };
  g_autoptr(GFile) file = NULL;
  const char *build = g_getenv ("HL_BUILD_ROOT");
  guint tick_id, select_id;

  if (argc != 2)
    {
      fprintf (stderr, "usage: gui-load CAPTURE\n");
      return 2;
    }
  if (build)
    {
      g_autofree char *schemas = g_build_filename (build, "data", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "gui-load: no display\n");
      return 2;
    }
  adw_init ();
  load_app_style ();

  b.late_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.frame_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.window = hl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1200, 800);
  gtk_window_present (GTK_WINDOW (b.window));
  while (gtk_widget_get_width (GTK_WIDGET (b.window)) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_signal_connect (b.window, "load-finished", G_CALLBACK (on_load_finished), &b);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.window), on_frame, &b, NULL);
  file = g_file_new_for_commandline_arg (argv[1]);
  b.start = b.last_tick = g_get_monotonic_time ();
  tick_id = g_timeout_add (TICK_MS, on_tick, &b);
  select_id = g_timeout_add (100, on_select, &b);
  hl_window_open (b.window, file, NULL);
  while (!b.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  g_source_remove (select_id);

  report ("loading", &b, b.finished - b.start);

  /* the baseline: as long again, loaded, with the same clicks */
  {
    gint64 span = MAX (b.finished - b.start, G_USEC_PER_SEC);
    gboolean over = FALSE;

    g_array_set_size (b.late_us, 0);
    g_array_set_size (b.frame_us, 0);
    b.selections = 0;
    b.first_row = -1;   /* not measured again */
    b.start = b.last_tick = g_get_monotonic_time ();
    b.last_frame = 0;
    tick_id = g_timeout_add (TICK_MS, on_tick, &b);
    select_id = g_timeout_add (100, on_select, &b);
    g_timeout_add ((guint) (span / 1000), on_idle_end, &over);
    while (!over)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick_id);
    g_source_remove (select_id);
    report ("loaded", &b, g_get_monotonic_time () - b.start);
  }
  gtk_window_destroy (GTK_WINDOW (b.window));
  g_array_unref (b.late_us);
  g_array_unref (b.frame_us);
  return 0;
}
