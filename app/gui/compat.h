/* compat.h: the few places where GTK 4.8 / libadwaita 1.2 APIs differ from
 * newer runtimes.  Everything version-specific goes through these wrappers
 * so a newer runtime can switch (GtkFileDialog, AdwAlertDialog,
 * AdwAboutDialog, AdwNavigationSplitView, gtk_widget_get_color) in one file.
 */
#pragma once
#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  HL_FILE_KIND_CAPTURE,
  HL_FILE_KIND_KEYLOG,
  HL_FILE_KIND_PNG,
  HL_FILE_KIND_SVG,
  HL_FILE_KIND_MARKDOWN,
  HL_FILE_KIND_PCAPNG,
} HlFileKind;

/* Called with the chosen file; not called when the user cancels. */
typedef void (*HlFileCallback) (GFile *file, gpointer user_data);

void     hl_compat_open_file     (GtkWindow *parent, HlFileKind kind, HlFileCallback callback,
                                  gpointer user_data);
void     hl_compat_save_file     (GtkWindow *parent, HlFileKind kind, const char *suggested_name,
                                  HlFileCallback callback, gpointer user_data);
void     hl_compat_show_about    (GtkWindow *parent);

/* A libadwaita named colour (error_color, accent_color, ...); fallback when
 * the theme does not define it. */
void     hl_compat_lookup_color  (GtkWidget *widget, const char *name, GdkRGBA *color,
                                  const char *fallback);
/* The widget's foreground colour. */
void     hl_compat_get_fg_color  (GtkWidget *widget, GdkRGBA *color);

/* The sidebar/content split (AdwLeaflet here). */
void     hl_compat_split_show_content (GtkWidget *split, gboolean content);
gboolean hl_compat_split_is_folded    (GtkWidget *split);
/* Showing the content rather than the sidebar (when folded). */
gboolean hl_compat_split_shows_content (GtkWidget *split, GtkWidget *sidebar);

G_END_DECLS
