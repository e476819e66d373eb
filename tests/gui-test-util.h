/* gui-test-util.h: what the GUI tests share (header-only, like
 * pcap-builder.h): run the main loop for a while, open a presented window
 * of a known size, the app's style sheet, and a "load-finished" handler. */
#pragma once
#include <adwaita.h>

#include "window.h"

/* Iterates the default main context for ms milliseconds. */
static inline void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A new 1200x800 window, presented and mapped. */
static inline HlWindow *
new_window (void)
{
  HlWindow *window = hl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200 && gtk_widget_get_width (GTK_WIDGET (window)) == 0; i++)
    spin (10);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

/* "load-finished" handler: sets *done. */
static inline void
on_finished (HlWindow *window, gboolean *done)
{
  *done = TRUE;
}

/* The app's style sheet, which AdwApplication loads by itself (tests and
 * benchmarks have no application). */
static inline void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, "/io/github/handshakelens/HandshakeLens/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
