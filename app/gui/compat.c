/* compat.c: version-specific GTK / libadwaita calls behind small wrappers. */
#include "config.h"
#include "compat.h"

#include <adwaita.h>
#include <glib/gi18n.h>

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

typedef struct {
  HlFileCallback callback;
  gpointer       user_data;
} FileRequest;

static void
on_native_response (GtkNativeDialog *dialog, int response, gpointer data)
{
  FileRequest *req = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (file)
        req->callback (file, req->user_data);
    }
  g_free (req);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char * const *patterns,
            const char * const *mime_types)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
add_filters (GtkFileChooser *chooser, HlFileKind kind)
{
  static const char * const capture_patterns[] = {
    "*.pcap", "*.pcapng", "*.cap", "*.pcap.gz", "*.pcapng.gz", "*.ntar", NULL
  };
  static const char * const capture_types[] = {
    "application/vnd.tcpdump.pcap", "application/x-pcapng", "application/x-pcap", NULL
  };
  static const char * const keylog_patterns[] = { "*.log", "*.txt", "*.keylog", "*.keys", NULL };
  static const char * const png[] = { "*.png", NULL };
  static const char * const svg[] = { "*.svg", NULL };
  static const char * const md[] = { "*.md", "*.markdown", NULL };
  static const char * const pcapng[] = { "*.pcapng", NULL };
  static const char * const all[] = { "*", NULL };

  switch (kind)
    {
    case HL_FILE_KIND_CAPTURE:
      add_filter (chooser, _("Captures (pcap, pcapng)"), capture_patterns, capture_types);
      add_filter (chooser, _("All files"), all, NULL);
      break;
    case HL_FILE_KIND_KEYLOG:
      add_filter (chooser, _("TLS key logs"), keylog_patterns, NULL);
      add_filter (chooser, _("All files"), all, NULL);
      break;
    case HL_FILE_KIND_PNG:
      add_filter (chooser, _("PNG images"), png, NULL);
      break;
    case HL_FILE_KIND_SVG:
      add_filter (chooser, _("SVG images"), svg, NULL);
      break;
    case HL_FILE_KIND_MARKDOWN:
      add_filter (chooser, _("Markdown documents"), md, NULL);
      break;
    case HL_FILE_KIND_PCAPNG:
      add_filter (chooser, _("pcapng captures"), pcapng, NULL);
      break;
    }
}

static const char *
open_title (HlFileKind kind)
{
  return kind == HL_FILE_KIND_KEYLOG ? _("Open a TLS Key Log") : _("Open a Capture");
}

static void
run_chooser (GtkWindow *parent, HlFileKind kind, GtkFileChooserAction action, const char *title,
             const char *accept, const char *suggested_name, HlFileCallback callback,
             gpointer user_data)
{
  GtkFileChooserNative *native;
  FileRequest *req = g_new0 (FileRequest, 1);

  req->callback = callback;
  req->user_data = user_data;
  native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filters (GTK_FILE_CHOOSER (native), kind);
  if (suggested_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
hl_compat_open_file (GtkWindow *parent, HlFileKind kind, HlFileCallback callback,
                     gpointer user_data)
{
  run_chooser (parent, kind, GTK_FILE_CHOOSER_ACTION_OPEN, open_title (kind), _("_Open"),
               NULL, callback, user_data);
}

void
hl_compat_save_file (GtkWindow *parent, HlFileKind kind, const char *suggested_name,
                     HlFileCallback callback, gpointer user_data)
{
  run_chooser (parent, kind, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export"), _("_Export"),
               suggested_name, callback, user_data);
}

void
hl_compat_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The Handshake Lens contributors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Handshake Lens"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See how a connection is made: every TCP and TLS "
                                       "handshake in a capture, explained step by step, "
                                       "and why a connection failed."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

void
hl_compat_lookup_color (GtkWidget *widget, const char *name, GdkRGBA *color, const char *fallback)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (ctx, name, color))
    gdk_rgba_parse (color, fallback);
}

void
hl_compat_get_fg_color (GtkWidget *widget, GdkRGBA *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

void
hl_compat_split_show_content (GtkWidget *split, gboolean content)
{
  adw_leaflet_navigate (ADW_LEAFLET (split),
                        content ? ADW_NAVIGATION_DIRECTION_FORWARD : ADW_NAVIGATION_DIRECTION_BACK);
}

gboolean
hl_compat_split_is_folded (GtkWidget *split)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (split));
}

gboolean
hl_compat_split_shows_content (GtkWidget *split, GtkWidget *sidebar)
{
  return adw_leaflet_get_visible_child (ADW_LEAFLET (split)) != sidebar;
}

G_GNUC_END_IGNORE_DEPRECATIONS
