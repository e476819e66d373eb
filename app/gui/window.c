/* window.c: the main window. */
#include "config.h"
#include "window.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture-loader.h"
#include "compat.h"
#include "connection-row.h"
#include "examples-page.h"
#include "format.h"
#include "hex-view.h"
#include "hl-error.h"
#include "ladder-export.h"
#include "probe-dialog.h"
#include "record-dialog.h"
#include "report.h"

struct _HlWindow {
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  AdwToast           *last_toast;       /* weak */
  GtkWidget          *back_button;
  GtkWidget          *export_button;
  GtkWidget          *recording_box;
  GtkLabel           *recording_label;
  GtkLabel           *recording_counts;
  AdwWindowTitle     *window_title;
  GtkRevealer        *message_revealer;
  GtkWidget          *message_bar;
  GtkImage           *message_icon;
  GtkLabel           *message_label;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkStack           *main_stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *leaflet;
  GtkWidget          *sidebar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkListView        *connection_list;
  GtkPaned           *paned;
  HlDiagnosisBanner  *banner;
  HlLadderView       *ladder;
  GtkButton          *play_button;
  GtkMenuButton      *speed_button;
  GtkLabel           *step_label;
  HlDetailPane       *detail_pane;

  GSettings          *settings;
  HlCaptureLoader    *loader;
  GFile              *capture;
  GPtrArray          *keylogs;          /* GFile* */
  GListModel         *source;           /* HlConnectionItem, from the loader or a test */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  char               *filter_mode;      /* "all" | "failed" | "tls" */
  char               *return_page;      /* where Back goes from the examples */
  guint64             preferred_id;     /* selected again after a reload ... */
  int                 preferred_step;   /* ... at this step */
  gint64              load_started_us;
  int                 detail_height;    /* the detail pane's height, kept on resize */
  gboolean            placing_paned;
  gboolean            user_selected;
  guint               n_total, n_failed;
};

G_DEFINE_FINAL_TYPE (HlWindow, hl_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_FILTER_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { LOAD_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
set_str (char **ptr, const char *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

/* ---- messages ---- */

/* severity: "error", "warning" or "info" */
static void
show_message (HlWindow *self, const char *severity, const char *text)
{
  static const char * const classes[] = { "severity-error", "severity-warning", "severity-info" };
  g_autofree char *css_class = g_strconcat ("severity-", severity, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->message_bar, classes[i]);
  gtk_widget_add_css_class (self->message_bar, css_class);
  gtk_image_set_from_icon_name (self->message_icon,
                                g_str_equal (severity, "error") ? "dialog-error-symbolic"
                                : g_str_equal (severity, "warning") ? "dialog-warning-symbolic"
                                : "dialog-information-symbolic");
  gtk_label_set_text (self->message_label, text);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
dismiss_message (HlWindow *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
toast (HlWindow *self, const char *text)
{
  AdwToast *t = adw_toast_new (text);

  g_set_weak_pointer (&self->last_toast, t);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

void
hl_window_dismiss_toasts (HlWindow *self)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  if (self->last_toast)
    adw_toast_dismiss (self->last_toast);
}

/* ---- pages and state ---- */

static void
update_back_button (HlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean back = g_strcmp0 (page, "examples") == 0 ||
                  (g_strcmp0 (page, "capture") == 0 &&
                   hl_compat_split_is_folded (self->leaflet) &&
                   hl_compat_split_shows_content (self->leaflet, self->sidebar));

  gtk_widget_set_visible (self->back_button, back);
}

static void
set_page (HlWindow *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
  update_back_button (self);
}

static void
update_step_label (HlWindow *self)
{
  guint n = hl_ladder_view_get_n_steps (self->ladder);
  int step = hl_ladder_view_get_step (self->ladder);
  g_autofree char *text = NULL;

  if (n == 0 || step < 0)
    text = g_strdup (_("No steps"));
  else
    /* Translators: playback position on the ladder. */
    text = g_strdup_printf (_("Step %d of %u"), step + 1, n);
  gtk_label_set_text (self->step_label, text);
}

static void
update_actions (HlWindow *self)
{
  gboolean has_conn = hl_window_get_selected (self) != NULL;
  gboolean has_steps = hl_ladder_view_get_n_steps (self->ladder) > 0;
  int step = hl_ladder_view_get_step (self->ladder);
  int n = hl_ladder_view_get_n_steps (self->ladder);
  const HlConnection *conn = has_conn ? hl_connection_item_get_connection (hl_window_get_selected (self)) : NULL;
  const HlDiagnosis *d = conn ? hl_format_headline_diagnosis (conn) : NULL;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_set_sensitive (self->export_button, has_conn);
  gtk_widget_action_set_enabled (w, "win.export-png", has_steps);
  gtk_widget_action_set_enabled (w, "win.export-svg", has_steps);
  gtk_widget_action_set_enabled (w, "win.export-markdown", has_conn);
  gtk_widget_action_set_enabled (w, "win.play", has_steps);
  gtk_widget_action_set_enabled (w, "win.step-first", has_steps && step > 0);
  gtk_widget_action_set_enabled (w, "win.step-back", has_steps && step > 0);
  gtk_widget_action_set_enabled (w, "win.step-forward", has_steps && step + 1 < n);
  gtk_widget_action_set_enabled (w, "win.step-last", has_steps && step + 1 < n);
  gtk_widget_action_set_enabled (w, "win.show-evidence", d && d->frames && d->frames->len > 0);
  gtk_widget_action_set_enabled (w, "win.open-keylog", self->capture != NULL);
  gtk_widget_action_set_enabled (w, "win.cancel-load", self->loader && hl_capture_loader_is_loading (self->loader));
  gtk_widget_action_set_enabled (w, "win.save-recording",
                                 self->loader && hl_capture_loader_can_save (self->loader));
  gtk_widget_action_set_enabled (w, "win.save", self->loader && hl_capture_loader_can_save (self->loader));
  gtk_widget_action_set_enabled (w, "win.stop-recording",
                                 self->loader && hl_capture_loader_is_live (self->loader) &&
                                 hl_capture_loader_is_loading (self->loader));
}

static void
update_counts (HlWindow *self)
{
  g_autofree char *text = NULL;
  guint shown = self->filter_model ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) : 0;

  if (self->n_total == 0)
    text = g_strdup ("");
  else if (shown != self->n_total)
    /* Translators: sidebar count when a search or filter hides some rows. */
    text = g_strdup_printf (_("%u of %u connections shown"), shown, self->n_total);
  else if (self->n_failed > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection, %u failed",
                                         "%u connections, %u failed", self->n_total),
                            self->n_total, self->n_failed);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                         self->n_total), self->n_total);
  gtk_label_set_text (self->count_label, text);
}

/* ---- the selected connection ---- */

HlConnectionItem *
hl_window_get_selected (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
show_selected (HlWindow *self)
{
  HlConnectionItem *item = hl_window_get_selected (self);
  const HlConnection *conn = item ? hl_connection_item_get_connection (item) : NULL;
  const HlDiagnosis *d = conn ? hl_format_headline_diagnosis (conn) : NULL;

  hl_ladder_view_set_connection (self->ladder, item);
  hl_diagnosis_banner_set_connection (self->banner, conn);
  /* A failed connection opens at the step where it went wrong. */
  if (d && d->frames)
    hl_ladder_view_mark_evidence (self->ladder, d->frames, d->severity == HL_SEVERITY_ERROR,
                                  d->severity == HL_SEVERITY_ERROR);
  if (item == NULL)
    hl_detail_pane_show_event (self->detail_pane, NULL, NULL, -1, 0);
  update_step_label (self);
  update_actions (self);
}

static void
on_selection_changed (HlWindow *self)
{
  show_selected (self);
}

static void
on_step_landed (HlWindow *self)
{
  hl_detail_pane_show_event (self->detail_pane, hl_ladder_view_get_connection (self->ladder),
                             hl_ladder_view_get_current_event (self->ladder),
                             hl_ladder_view_get_step (self->ladder),
                             hl_ladder_view_get_n_steps (self->ladder));
}

static void
on_step_changed (HlWindow *self)
{
  update_step_label (self);
  update_actions (self);
}

static void
on_playing_changed (HlWindow *self)
{
  gboolean playing = hl_ladder_view_get_playing (self->ladder);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Space)") : _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"), -1);
}

static guint
find_position (HlWindow *self, guint64 id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (model, i);
      if (hl_connection_item_get_id (item) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (HlWindow *self, guint pos)
{
  gtk_single_selection_set_selected (self->selection, pos);
  if (pos != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->connection_list), "list.scroll-to-item", "u", pos);
}

gboolean
hl_window_select_connection (HlWindow *self, guint64 id)
{
  guint pos;

  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  pos = find_position (self, id);
  if (pos == GTK_INVALID_LIST_POSITION)
    return FALSE;
  select_position (self, pos);
  return TRUE;
}

/* After loading: the connection selected before a reload, else the first
 * failed one (what a support engineer looks for), else the first. */
static void
select_initial (HlWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  if (self->preferred_id && hl_window_select_connection (self, self->preferred_id))
    {
      if (self->preferred_step >= 0)
        hl_ladder_view_set_step (self->ladder, self->preferred_step, FALSE);
      self->preferred_step = -1;
      return;
    }
  if (self->user_selected && hl_window_get_selected (self))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (model, i);
      if (hl_format_connection_state (hl_connection_item_get_connection (item)) == HL_CONNECTION_STATE_FAILED)
        {
          select_position (self, i);
          return;
        }
    }
  if (n > 0 && hl_window_get_selected (self) == NULL)
    select_position (self, 0);
}

/* ---- the list ---- */

static gboolean
text_matches (const char *haystack, const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer object, gpointer user_data)
{
  HlWindow *self = user_data;
  const HlConnection *conn = hl_connection_item_get_connection (object);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL, *client = NULL, *server = NULL;

  if (g_strcmp0 (self->filter_mode, "failed") == 0 &&
      hl_format_connection_state (conn) != HL_CONNECTION_STATE_FAILED)
    return FALSE;
  if (g_strcmp0 (self->filter_mode, "tls") == 0 && conn->tls == NULL)
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  g_strstrip (needle);
  client = hl_format_endpoint (&conn->client);
  server = hl_format_endpoint (&conn->server);
  if (text_matches (client, needle) || text_matches (server, needle))
    return TRUE;
  if (conn->tls && conn->tls->client_hello && text_matches (conn->tls->client_hello->sni, needle))
    return TRUE;
  for (guint i = 0; conn->tls && conn->tls->server_certificates &&
                    i < conn->tls->server_certificates->len; i++)
    {
      const HlCertificate *cert = g_ptr_array_index (conn->tls->server_certificates, i);
      if (text_matches (cert->subject_cn, needle))
        return TRUE;
    }
  return FALSE;
}

static int
sort_func (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const HlConnection *ca = hl_connection_item_get_connection ((gpointer) a);
  const HlConnection *cb = hl_connection_item_get_connection ((gpointer) b);

  if (ca->first_frame != cb->first_frame)
    return ca->first_frame < cb->first_frame ? -1 : 1;
  return ca->id < cb->id ? -1 : ca->id > cb->id;
}

static void
on_search_changed (HlWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  gtk_list_item_set_child (list_item, hl_connection_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  hl_connection_row_set_item (HL_CONNECTION_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
on_row_activated (GtkListView *view, guint position, HlWindow *self)
{
  self->user_selected = TRUE;
  select_position (self, position);
  hl_compat_split_show_content (self->leaflet, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->ladder));
  update_back_button (self);
}

static void
on_source_items_changed (GListModel *model, guint position, guint removed, guint added,
                         HlWindow *self)
{
  /* Loading only appends; count the new rows. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (model, i);
      self->n_total++;
      if (hl_format_connection_state (hl_connection_item_get_connection (item)) == HL_CONNECTION_STATE_FAILED)
        self->n_failed++;
    }
  update_counts (self);
  /* Rows arrive while the file is read: show them at once. */
  if (added > 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") != 0)
    set_page (self, "capture");
  if (added > 0 && hl_window_get_selected (self) == NULL)
    select_position (self, 0);
}

static void
set_source (HlWindow *self, GListModel *source)
{
  if (self->source)
    g_signal_handlers_disconnect_by_func (self->source, on_source_items_changed, self);
  g_set_object (&self->source, source);
  self->n_total = self->n_failed = 0;
  gtk_filter_list_model_set_model (self->filter_model, source);
  if (source)
    {
      g_signal_connect_object (source, "items-changed", G_CALLBACK (on_source_items_changed), self, 0);
      on_source_items_changed (source, 0, 0, g_list_model_get_n_items (source), self);
    }
  update_counts (self);
}

GListModel *
hl_window_get_connection_list (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/* ---- loading ---- */

static void
set_title (HlWindow *self, const char *name)
{
  g_autofree char *title = NULL;

  adw_window_title_set_subtitle (self->window_title, name);
  /* Translators: window title, "Handshake Lens — capture.pcapng". */
  title = name && *name ? g_strdup_printf (_("Handshake Lens — %s"), name) : g_strdup (_("Handshake Lens"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_load_progress (HlCaptureLoader *loader, GParamSpec *pspec, HlWindow *self)
{
  if (hl_capture_loader_is_live (loader))
    {
      guint64 frames = 0, dropped = 0;
      g_autofree char *text = NULL;
      if (hl_capture_loader_get_live_counts (loader, &frames, &dropped))
        /* Translators: live capture counters in the header. */
        text = g_strdup_printf (_("%llu packets · %llu dropped"),
                                (unsigned long long) frames, (unsigned long long) dropped);
      else
        text = g_strdup_printf (_("%llu packets"), (unsigned long long) frames);
      gtk_label_set_text (self->recording_counts, text);
      return;
    }
  /* A probe has no size to measure against. */
  if (hl_capture_loader_is_probe (loader) && hl_capture_loader_is_loading (loader))
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, hl_capture_loader_get_fraction (loader));
}

static guint
count_decrypted (HlWindow *self, guint *n_tls, guint *n_mismatch)
{
  guint decrypted = 0;

  *n_tls = *n_mismatch = 0;
  for (guint i = 0; self->source && i < g_list_model_get_n_items (self->source); i++)
    {
      g_autoptr(HlConnectionItem) item = g_list_model_get_item (self->source, i);
      const HlConnection *conn = hl_connection_item_get_connection (item);
      if (conn->tls == NULL)
        continue;
      (*n_tls)++;
      if (conn->tls->keylog == HL_KEYLOG_MATCHED)
        decrypted++;
      else if (conn->tls->keylog == HL_KEYLOG_MISMATCH)
        (*n_mismatch)++;
    }
  return decrypted;
}

static void
report_load (HlWindow *self, HlCaptureLoader *loader)
{
  g_autofree char *name = hl_capture_loader_dup_display_name (loader);
  HlProbeRecording *recording = hl_capture_loader_get_recording (loader);
  const GError *input_error = hl_capture_loader_get_input_error (loader);
  const HlEngineStats *stats = hl_capture_loader_get_stats (loader);
  const char *keylog_problem = hl_capture_loader_get_keylog_problem (loader);
  g_autoptr(GString) msg = g_string_new (NULL);
  const char *severity = "info";

  if (input_error && g_error_matches (input_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE,
                                                "Reading stopped. Showing the %u connection read so far.",
                                                "Reading stopped. Showing the %u connections read so far.",
                                                self->n_total), self->n_total);
      severity = "warning";
    }
  else if (input_error)
    {
      g_string_append_printf (msg, _("The capture could not be read to the end: %s."), input_error->message);
      g_string_append_c (msg, ' ');
      g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE,
                                                "The %u connection found before that is shown; it may be incomplete.",
                                                "The %u connections found before that are shown; the last ones may be incomplete.",
                                                self->n_total), self->n_total);
      severity = "warning";
    }
  if (stats->malformed > 0)
    {
      if (msg->len)
        g_string_append_c (msg, ' ');
      g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE,
                                                "%llu frame could not be decoded",
                                                "%llu frames could not be decoded",
                                                stats->malformed), (unsigned long long) stats->malformed);
      if (stats->first_malformed_reason)
        g_string_append_printf (msg, _(" (first: frame %llu, %s)"),
                                (unsigned long long) stats->first_malformed_frame,
                                stats->first_malformed_reason);
      g_string_append (msg, _("; the rest of the capture was read normally."));
      if (g_str_equal (severity, "info"))
        severity = "warning";
    }
  if (keylog_problem)
    {
      if (msg->len)
        g_string_append_c (msg, ' ');
      g_string_append_printf (msg, _("A key log could not be used (%s); encrypted messages stay hidden."),
                              keylog_problem);
      severity = "warning";
    }
  if (self->keylogs->len > 0 && keylog_problem == NULL && hl_capture_loader_get_keylog_size (loader) == 0)
    {
      const HlKeylogStats *ks = hl_capture_loader_get_keylog_stats (loader);
      if (msg->len)
        g_string_append_c (msg, ' ');
      g_string_append_printf (msg, g_dngettext (GETTEXT_PACKAGE,
                                                "The key log holds no TLS secrets (%u line read, none "
                                                "of the CLIENT_RANDOM or *_TRAFFIC_SECRET kind): "
                                                "check that it is the SSLKEYLOGFILE of this capture.",
                                                "The key log holds no TLS secrets (%u lines read, none "
                                                "of the CLIENT_RANDOM or *_TRAFFIC_SECRET kind): "
                                                "check that it is the SSLKEYLOGFILE of this capture.",
                                                ks->lines), ks->lines);
      severity = "warning";
    }
  if (recording && hl_probe_recording_tls_error (recording))
    {
      if (msg->len)
        g_string_append_c (msg, ' ');
      g_string_append_printf (msg, _("Handshake Lens’s own check of %s says: %s"), name,
                              hl_probe_recording_tls_error (recording));
    }
  if (msg->len)
    show_message (self, severity, msg->str);

  if (self->keylogs->len > 0 || hl_capture_loader_get_dsb_count (loader) > 0)
    {
      guint n_tls, n_mismatch;
      guint n_dec = count_decrypted (self, &n_tls, &n_mismatch);
      g_autofree char *text = NULL;

      if (n_mismatch > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The key log does not fit %u connection: its keys failed to decrypt it",
                                             "The key log does not fit %u connections: their keys failed to decrypt them",
                                             n_mismatch), n_mismatch);
      else if (n_tls > 0)
        text = g_strdup_printf (_("Keys found for %u of %u TLS connections"), n_dec, n_tls);
      if (text)
        toast (self, text);
    }
}

static void
on_load_finished (HlCaptureLoader *loader, HlWindow *self)
{
  const GError *open_error = hl_capture_loader_get_open_error (loader);
  g_autofree char *name = hl_capture_loader_dup_display_name (loader);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_visible (self->recording_box, FALSE);
  if (hl_capture_loader_is_live (loader))
    on_load_progress (loader, NULL, self);
  g_debug ("%s: %u connections in %.3f s", name, self->n_total,
           (g_get_monotonic_time () - self->load_started_us) / 1e6);

  if (open_error)
    {
      g_autofree char *text = NULL;
      if (hl_capture_loader_get_interface (loader) &&
          g_error_matches (open_error, HL_ERROR, HL_ERROR_PERMISSION))
        /* The whole remedy: which capability, which command, the pipe. */
        text = g_strdup_printf (_("Recording on “%s” could not start. %s"), name, open_error->message);
      else if (hl_capture_loader_get_interface (loader))
        text = g_strdup_printf (_("Recording on “%s” could not start: %s"), name, open_error->message);
      else if (hl_capture_loader_is_probe (loader))
        text = g_strdup_printf (_("%s could not be tested: %s. Check the name and the port, "
                                  "and that this computer is online."), name, open_error->message);
      else
        text = g_strdup_printf (_("“%s” could not be opened: %s. Handshake Lens reads "
                                  "pcap and pcapng captures (also gzip-compressed); "
                                  "check the file, or record it again with "
                                  "tcpdump -w or Wireshark."),
                                name, open_error->message);
      show_message (self, "error", text);
      g_clear_object (&self->capture);
      set_title (self, NULL);
      set_page (self, self->return_page ? self->return_page : "welcome");
    }
  else if (self->n_total == 0)
    {
      const HlEngineStats *stats = hl_capture_loader_get_stats (loader);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” (%s) holds %llu frame, "
                                                            "but no TCP connection. Handshake Lens "
                                                            "shows TCP and TLS; record the traffic again "
                                                            "with a filter such as “tcp port 443”.",
                                                            "“%s” (%s) holds %llu frames, "
                                                            "but no TCP connection. Handshake Lens "
                                                            "shows TCP and TLS; record the traffic again "
                                                            "with a filter such as “tcp port 443”.",
                                                            stats->frames),
                                               name, hl_capture_loader_get_format (loader),
                                               (unsigned long long) stats->frames);
      if (hl_capture_loader_is_live (loader))
        {
          g_free (text);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%llu frame was received from “%s”, "
                                               "but no TCP connection. Record again while the "
                                               "connection you want to see is made.",
                                               "%llu frames were received from “%s”, "
                                               "but no TCP connection. Record again while the "
                                               "connection you want to see is made.", stats->frames),
                                  (unsigned long long) stats->frames, name);
        }
      adw_status_page_set_description (self->empty_page, text);
      set_page (self, "empty");
      report_load (self, loader);
    }
  else
    {
      set_page (self, "capture");
      select_initial (self);
      report_load (self, loader);
    }
  update_actions (self);
  g_signal_emit (self, signals[LOAD_FINISHED], 0);
}

static void
drop_loader (HlWindow *self)
{
  if (self->loader == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->loader, self);
  hl_capture_loader_cancel (self->loader);
  g_clear_object (&self->loader);
}

/* Runs loader (a capture or a probe) and shows its rows as they come. */
static void
start_loader (HlWindow *self, HlCaptureLoader *loader)
{
  g_autofree char *name = hl_capture_loader_dup_display_name (loader);
  gboolean live = hl_capture_loader_is_live (loader);
  g_autofree char *label = hl_capture_loader_is_probe (loader)
                           ? g_strdup_printf (_("Testing %s…"), name)
                           : g_strdup_printf (_("Reading “%s”…"), name);
  HlConnectionItem *current = hl_window_get_selected (self);

  if (current)
    {
      self->preferred_id = hl_connection_item_get_id (current);
      self->preferred_step = hl_ladder_view_get_step (self->ladder);
    }
  drop_loader (self);
  dismiss_message (self);
  self->loader = loader;
  g_signal_connect (self->loader, "notify::fraction", G_CALLBACK (on_load_progress), self);
  g_signal_connect (self->loader, "finished", G_CALLBACK (on_load_finished), self);

  g_free (self->return_page);
  self->return_page = g_strdup (gtk_stack_get_visible_child_name (self->main_stack));
  if (g_strcmp0 (self->return_page, "capture") == 0 || g_strcmp0 (self->return_page, "empty") == 0)
    set_str (&self->return_page, "welcome");
  set_source (self, hl_capture_loader_get_model (self->loader));
  set_title (self, name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, !live);
  gtk_widget_set_visible (self->recording_box, live);
  if (live)
    {
      g_autofree char *rec = g_strdup_printf (_("Recording on %s"), name);
      gtk_label_set_text (self->recording_label, rec);
      gtk_label_set_text (self->recording_counts, _("Waiting for packets…"));
      /* Rows arrive as connections happen: show the (still empty) list. */
      set_page (self, "capture");
    }
  self->load_started_us = g_get_monotonic_time ();
  hl_capture_loader_start (self->loader);
  update_actions (self);
}

/* "-" (standard input, when no file has that name) and named FIFOs are live
 * streams: rows appear as connections happen. */
static HlCaptureLoader *
loader_for_file (HlWindow *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *base = g_file_get_basename (file);
  GStatBuf st;

  if (path && g_strcmp0 (base, "-") == 0 && g_stat (path, &st) != 0)
    {
      int fd = dup (STDIN_FILENO);
      if (fd >= 0)
        return hl_capture_loader_new_for_fd (fd, _("standard input"), self->keylogs);
    }
  if (path && g_stat (path, &st) == 0 && S_ISFIFO (st.st_mode))
    return hl_capture_loader_new_for_fifo (path, self->keylogs);
  return hl_capture_loader_new (file, self->keylogs);
}

static void
start_load (HlWindow *self)
{
  start_loader (self, loader_for_file (self, self->capture));
}

void
hl_window_start_loader (HlWindow *self, HlCaptureLoader *loader)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  g_clear_object (&self->capture);
  self->preferred_id = 0;
  self->user_selected = FALSE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  start_loader (self, loader);
}

void
hl_window_record (HlWindow *self, const char *iface, const char *filter)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  g_ptr_array_set_size (self->keylogs, 0);
  hl_window_start_loader (self, hl_capture_loader_new_for_live (iface, filter));
}

void
hl_window_stop_recording (HlWindow *self)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  if (self->loader)
    hl_capture_loader_stop (self->loader);
}

gboolean
hl_window_is_recording (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  return self->loader && hl_capture_loader_is_live (self->loader) &&
         hl_capture_loader_is_loading (self->loader);
}

const char *
hl_window_get_recording_text (HlWindow *self, const char **counts)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  if (counts)
    *counts = gtk_label_get_text (self->recording_counts);
  return gtk_widget_get_visible (self->recording_box) ? gtk_label_get_text (self->recording_label) : NULL;
}

gboolean
hl_window_save_capture (HlWindow *self, const char *path, GError **error)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  if (self->loader == NULL || !hl_capture_loader_can_save (self->loader))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a recording or a server test can be saved"));
      return FALSE;
    }
  return hl_capture_loader_save (self->loader, path, error);
}

void
hl_window_open (HlWindow *self, GFile *capture, GPtrArray *keylogs)
{
  g_return_if_fail (HL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (capture));

  g_set_object (&self->capture, capture);
  g_ptr_array_set_size (self->keylogs, 0);
  for (guint i = 0; keylogs && i < keylogs->len; i++)
    g_ptr_array_add (self->keylogs, g_object_ref (g_ptr_array_index (keylogs, i)));
  self->preferred_id = 0;
  self->user_selected = FALSE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  start_load (self);
}

void
hl_window_add_keylog (HlWindow *self, GFile *keylog)
{
  g_return_if_fail (HL_IS_WINDOW (self));

  g_ptr_array_add (self->keylogs, g_object_ref (keylog));
  if (self->capture)
    start_load (self);
}

gboolean
hl_window_is_keylog_name (GFile *file)
{
  static const char * const suffixes[] = { ".log", ".keylog", ".keys", ".txt", ".key", NULL };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);

  for (guint i = 0; suffixes[i]; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return strstr (lower, "keylog") != NULL || strstr (lower, "sslkey") != NULL;
}

void
hl_window_open_files (HlWindow *self, GFile **files, guint n_files)
{
  g_autoptr(GPtrArray) keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  GFile *capture = NULL;

  g_return_if_fail (HL_IS_WINDOW (self));
  for (guint i = 0; i < n_files; i++)
    {
      if (hl_window_is_keylog_name (files[i]))
        g_ptr_array_add (keylogs, g_object_ref (files[i]));
      else if (capture == NULL)
        capture = files[i];
    }
  if (capture)
    hl_window_open (self, capture, keylogs);
  else if (self->capture)
    for (guint i = 0; i < keylogs->len; i++)
      hl_window_add_keylog (self, g_ptr_array_index (keylogs, i));
  else if (keylogs->len > 0)
    show_message (self, "info", _("That looks like a key log. Open the capture it belongs to "
                                  "first, then add the key log."));
}

gboolean
hl_window_is_loading (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), FALSE);
  return self->loader && hl_capture_loader_is_loading (self->loader);
}

static void
free_connections (gpointer data)
{
  g_ptr_array_unref (data);
}

void
hl_window_show_connections (HlWindow *self, GPtrArray *connections, const char *title)
{
  g_autoptr(GListStore) store = g_list_store_new (HL_TYPE_CONNECTION_ITEM);
  HlConnectionOwner *owner;

  g_return_if_fail (HL_IS_WINDOW (self));
  drop_loader (self);
  owner = hl_connection_owner_new (connections, free_connections);
  for (guint i = 0; i < connections->len; i++)
    {
      g_autoptr(HlConnectionItem) item = hl_connection_item_new (g_ptr_array_index (connections, i), owner);
      g_list_store_append (store, item);
    }
  hl_connection_owner_unref (owner);
  g_clear_object (&self->capture);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->preferred_id = 0;
  self->user_selected = FALSE;
  set_source (self, G_LIST_MODEL (store));
  set_title (self, title);
  set_page (self, connections->len ? "capture" : "empty");
  select_initial (self);
  update_actions (self);
  g_signal_emit (self, signals[LOAD_FINISHED], 0);
}

/* ---- actions ---- */

static void
on_capture_chosen (GFile *file, gpointer user_data)
{
  hl_window_open (HL_WINDOW (user_data), file, NULL);
}

static void
on_keylog_chosen (GFile *file, gpointer user_data)
{
  hl_window_add_keylog (HL_WINDOW (user_data), file);
}

static void
action_open (GtkWidget *widget, const char *name, GVariant *param)
{
  hl_compat_open_file (GTK_WINDOW (widget), HL_FILE_KIND_CAPTURE, on_capture_chosen, widget);
}

static void
action_open_keylog (GtkWidget *widget, const char *name, GVariant *param)
{
  hl_compat_open_file (GTK_WINDOW (widget), HL_FILE_KIND_KEYLOG, on_keylog_chosen, widget);
}

static void
action_open_example (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autoptr(GFile) capture = NULL;
  g_autoptr(GFile) keylog = NULL;
  g_autoptr(GPtrArray) keylogs = g_ptr_array_new_with_free_func (g_object_unref);

  if (!hl_examples_lookup (g_variant_get_string (param, NULL), &capture, &keylog))
    return;
  if (keylog)
    g_ptr_array_add (keylogs, g_steal_pointer (&keylog));
  hl_window_open (self, capture, keylogs);
}

void
hl_window_test_server (HlWindow *self, const char *host, guint16 port, const char *sni)
{
  HlProbeOptions options = { .host = host, .port = port, .sni = sni, .timeout_ms = 5000 };

  g_return_if_fail (HL_IS_WINDOW (self));
  g_clear_object (&self->capture);
  g_ptr_array_set_size (self->keylogs, 0);
  self->preferred_id = 0;
  self->user_selected = FALSE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  start_loader (self, hl_capture_loader_new_for_probe (&options));
}

static void
on_record_response (AdwMessageDialog *dialog, const char *response, HlWindow *self)
{
  HlRecordDialog *record = HL_RECORD_DIALOG (dialog);
  const char *iface = hl_record_dialog_get_interface (record);

  if (!g_str_equal (response, "start") || iface == NULL)
    return;
  hl_window_record (self, iface, hl_record_dialog_get_filter (record));
}

static void
action_record (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkWidget *dialog = hl_record_dialog_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_record_response), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_stop_recording (GtkWidget *widget, const char *name, GVariant *param)
{
  hl_window_stop_recording (HL_WINDOW (widget));
}

static void
on_probe_response (AdwMessageDialog *dialog, const char *response, HlWindow *self)
{
  HlProbeDialog *probe = HL_PROBE_DIALOG (dialog);
  g_autofree char *host = NULL, *sni = NULL;

  if (!g_str_equal (response, "test"))
    return;
  host = g_strstrip (g_strdup (hl_probe_dialog_get_host (probe)));
  sni = hl_probe_dialog_dup_sni (probe);
  hl_window_test_server (self, host, hl_probe_dialog_get_port (probe), sni);
}

static void
action_test_server (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkWidget *dialog = hl_probe_dialog_new (GTK_WINDOW (widget));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_probe_response), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_show_examples (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (current, "examples") != 0)
    set_str (&self->return_page, current);
  set_page (self, "examples");
}

static void
action_go_back (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);

  if (g_strcmp0 (current, "examples") == 0)
    set_page (self, self->return_page && !g_str_equal (self->return_page, "examples")
                    ? self->return_page : "welcome");
  else
    {
      hl_compat_split_show_content (self->leaflet, FALSE);
      update_back_button (self);
    }
}

static void
action_cancel_load (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);

  if (self->loader)
    hl_capture_loader_cancel (self->loader);
}

static void
action_dismiss_message (GtkWidget *widget, const char *name, GVariant *param)
{
  dismiss_message (HL_WINDOW (widget));
}

static void
action_play (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);

  hl_ladder_view_set_playing (self->ladder, !hl_ladder_view_get_playing (self->ladder));
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);

  if (g_str_equal (name, "win.step-forward"))
    hl_ladder_view_step_forward (self->ladder);
  else if (g_str_equal (name, "win.step-back"))
    hl_ladder_view_step_back (self->ladder);
  else if (g_str_equal (name, "win.step-first"))
    hl_ladder_view_rewind (self->ladder);
  else
    hl_ladder_view_set_step (self->ladder, hl_ladder_view_get_n_steps (self->ladder) - 1, FALSE);
}

static void
action_show_evidence (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  HlConnectionItem *item = hl_window_get_selected (self);
  const HlDiagnosis *d = item ? hl_format_headline_diagnosis (hl_connection_item_get_connection (item)) : NULL;

  if (d == NULL ||
      hl_ladder_view_mark_evidence (self->ladder, d->frames, d->severity == HL_SEVERITY_ERROR, TRUE) == 0)
    {
      toast (self, _("The evidence frames of this finding are not on the ladder"));
      return;
    }
  hl_detail_pane_set_page (self->detail_pane, "explanation");
  gtk_widget_grab_focus (GTK_WIDGET (self->ladder));
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") != 0)
    return;
  hl_compat_split_show_content (self->leaflet, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Exports: a file name from the connection ("example.org-3-ladder.svg"). */
static char *
suggested_name (HlWindow *self, const char *suffix)
{
  HlConnectionItem *item = hl_window_get_selected (self);
  const HlConnection *conn = hl_connection_item_get_connection (item);
  g_autofree char *title = hl_format_connection_title (conn);

  g_strdelimit (title, "/\\:[] ", '_');
  return g_strdup_printf ("%s-%" G_GUINT64_FORMAT "%s", title, conn->id, suffix);
}

static void
report_saved (HlWindow *self, GFile *file, gboolean ok, const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (ok)
    text = g_strdup_printf (_("Saved “%s”"), name);
  else
    text = g_strdup_printf (_("Could not save “%s”: %s"), name, error ? error->message : _("unknown error"));
  if (ok)
    toast (self, text);
  else
    show_message (self, "error", text);
}

static void
save_text (HlWindow *self, GFile *file, const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                         G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error);
  report_saved (self, file, ok, error);
}

static void
on_png_chosen (GFile *file, gpointer user_data)
{
  HlWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  gboolean ok = path && hl_ladder_view_save_png (self->ladder, path, &error);

  report_saved (self, file, ok, error);
}

static void
on_svg_chosen (GFile *file, gpointer user_data)
{
  HlWindow *self = user_data;
  HlLadderColors colors;
  g_autofree char *svg = NULL;

  hl_ladder_view_get_colors (self->ladder, &colors);
  svg = hl_ladder_export_svg (hl_ladder_view_get_layout (self->ladder), &colors,
                              MAX (gtk_widget_get_width (GTK_WIDGET (self->ladder)), 760));
  save_text (self, file, svg);
}

static void
on_markdown_chosen (GFile *file, gpointer user_data)
{
  HlWindow *self = user_data;
  HlConnectionItem *item = hl_window_get_selected (self);
  g_autofree char *md = NULL;

  if (item == NULL)
    return;
  md = hl_report_connection_to_string (HL_REPORT_MARKDOWN, hl_connection_item_get_connection (item));
  save_text (self, file, md ? md : "");
}

static void
on_recording_chosen (GFile *file, gpointer user_data)
{
  HlWindow *self = user_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->loader == NULL || !hl_capture_loader_can_save (self->loader))
    return;
  ok = path && hl_window_save_capture (self, path, &error);
  report_saved (self, file, ok, error);
}

static void
action_save_recording (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autofree char *base = self->loader ? hl_capture_loader_dup_display_name (self->loader) : NULL;
  g_autofree char *suggested = NULL;

  if (base == NULL)
    return;
  g_strdelimit (base, "/\\:[] ", '_');
  suggested = g_strconcat (base, ".pcapng", NULL);
  hl_compat_save_file (GTK_WINDOW (self), HL_FILE_KIND_PCAPNG, suggested, on_recording_chosen, self);
}

static void
action_export (GtkWidget *widget, const char *name, GVariant *param)
{
  HlWindow *self = HL_WINDOW (widget);
  g_autofree char *suggested = NULL;

  if (hl_window_get_selected (self) == NULL)
    return;
  if (g_str_equal (name, "win.export-png"))
    {
      suggested = suggested_name (self, "-ladder.png");
      hl_compat_save_file (GTK_WINDOW (self), HL_FILE_KIND_PNG, suggested, on_png_chosen, self);
    }
  else if (g_str_equal (name, "win.export-svg"))
    {
      suggested = suggested_name (self, "-ladder.svg");
      hl_compat_save_file (GTK_WINDOW (self), HL_FILE_KIND_SVG, suggested, on_svg_chosen, self);
    }
  else
    {
      suggested = suggested_name (self, "-report.md");
      hl_compat_save_file (GTK_WINDOW (self), HL_FILE_KIND_MARKDOWN, suggested, on_markdown_chosen, self);
    }
}

/* ---- drag and drop ---- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, HlWindow *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));
      for (GSList *l = list; l; l = l->next)
        g_ptr_array_add (files, l->data);
      g_slist_free (list);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    g_ptr_array_add (files, g_value_get_object (value));
  if (files->len == 0)
    return FALSE;
  hl_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* ---- settings ---- */

/* The installed schema, else the one compiled in the build tree (an
 * uninstalled run); NULL when neither exists (defaults are used). */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema == NULL)
    {
      g_autofree char *dir = g_build_filename (BUILD_ROOT, "data", NULL);
      g_autoptr(GSettingsSchemaSource) local =
        g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (local)
        schema = g_settings_schema_source_lookup (local, APP_ID, FALSE);
    }
  if (schema == NULL)
    {
      g_message ("GSettings schema %s not found; settings will not be saved", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_speed_changed (HlWindow *self)
{
  double speed = hl_ladder_view_get_speed (self->ladder);
  g_autofree char *label = g_strdup_printf ("%g×", speed);

  gtk_menu_button_set_label (self->speed_button, label);
}

static void
bind_settings (HlWindow *self)
{
  g_autoptr(GAction) speed = NULL;
  g_autoptr(GAction) scale = NULL;

  g_signal_connect_object (self->ladder, "notify::speed", G_CALLBACK (on_speed_changed),
                           self, G_CONNECT_SWAPPED);
  on_speed_changed (self);
  if (self->settings == NULL)
    return;
  speed = g_settings_create_action (self->settings, "animation-speed");
  scale = g_settings_create_action (self->settings, "time-scale");
  g_action_map_add_action (G_ACTION_MAP (self), speed);
  g_action_map_add_action (G_ACTION_MAP (self), scale);
  g_settings_bind (self->settings, "animation-speed", self->ladder, "speed", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "time-scale", self->ladder, "time-scale", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "explanation-register", self->detail_pane, "register",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

/* The detail pane keeps its height (210 px until the user drags the
 * handle) when the window is resized; the ladder gets the rest. */
static void
on_paned_max_position (HlWindow *self)
{
  int max = 0;

  g_object_get (self->paned, "max-position", &max, NULL);
  if (max <= 0)
    return;
  self->placing_paned = TRUE;
  gtk_paned_set_position (self->paned, MAX (max / 3, max - self->detail_height));
  self->placing_paned = FALSE;
}

static void
on_paned_position (HlWindow *self)
{
  int max = 0;

  if (self->placing_paned)
    return;
  g_object_get (self->paned, "max-position", &max, NULL);
  if (max > 0)
    self->detail_height = MAX (120, max - gtk_paned_get_position (self->paned));
}

/* ---- public accessors ---- */

HlLadderView *
hl_window_get_ladder (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return self->ladder;
}

HlDiagnosisBanner *
hl_window_get_banner (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return self->banner;
}

HlDetailPane *
hl_window_get_detail_pane (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return self->detail_pane;
}

const char *
hl_window_get_step_text (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->step_label);
}

const char *
hl_window_get_message (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->message_revealer)
         ? gtk_label_get_text (self->message_label) : NULL;
}

const char *
hl_window_get_page (HlWindow *self)
{
  g_return_val_if_fail (HL_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* ---- GObject ---- */

static void
set_filter_mode (HlWindow *self, const char *mode)
{
  if (g_strcmp0 (mode, "failed") != 0 && g_strcmp0 (mode, "tls") != 0)
    mode = "all";
  if (!set_str (&self->filter_mode, mode))
    return;
  if (self->filter)
    on_search_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER_MODE]);
}

static void
hl_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FILTER_MODE:
      g_value_set_string (value, HL_WINDOW (object)->filter_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FILTER_MODE:
      set_filter_mode (HL_WINDOW (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_window_dispose (GObject *object)
{
  HlWindow *self = HL_WINDOW (object);

  drop_loader (self);
  g_clear_weak_pointer (&self->last_toast);
  if (self->source)
    g_signal_handlers_disconnect_by_func (self->source, on_source_items_changed, self);
  g_clear_object (&self->source);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);
  g_clear_object (&self->capture);
  g_clear_pointer (&self->keylogs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HL_TYPE_WINDOW);
  G_OBJECT_CLASS (hl_window_parent_class)->dispose (object);
}

static void
hl_window_finalize (GObject *object)
{
  HlWindow *self = HL_WINDOW (object);

  g_free (self->filter_mode);
  g_free (self->return_page);
  G_OBJECT_CLASS (hl_window_parent_class)->finalize (object);
}

static void
hl_window_class_init (HlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_window_dispose;
  object_class->finalize = hl_window_finalize;
  object_class->get_property = hl_window_get_property;
  object_class->set_property = hl_window_set_property;

  /* Which rows the sidebar shows: "all", "failed" or "tls". */
  properties[PROP_FILTER_MODE] =
    g_param_spec_string ("filter-mode", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOAD_FINISHED] = g_signal_new ("load-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HL_TYPE_LADDER_VIEW);
  g_type_ensure (HL_TYPE_DETAIL_PANE);
  g_type_ensure (HL_TYPE_DIAGNOSIS_BANNER);
  g_type_ensure (HL_TYPE_EXAMPLES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/window.ui");
  gtk_widget_class_bind_template_child (widget_class, HlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, recording_box);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, recording_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, recording_counts);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, message_bar);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, message_icon);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, connection_list);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, ladder);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, speed_button);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, step_label);
  gtk_widget_class_bind_template_child (widget_class, HlWindow, detail_pane);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.open-keylog", NULL, action_open_keylog);
  gtk_widget_class_install_action (widget_class, "win.open-example", "s", action_open_example);
  gtk_widget_class_install_action (widget_class, "win.test-server", NULL, action_test_server);
  gtk_widget_class_install_action (widget_class, "win.show-examples", NULL, action_show_examples);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, action_go_back);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, action_cancel_load);
  gtk_widget_class_install_action (widget_class, "win.dismiss-message", NULL, action_dismiss_message);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, action_play);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.step-first", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.step-last", NULL, action_step);
  gtk_widget_class_install_action (widget_class, "win.show-evidence", NULL, action_show_evidence);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.export-png", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.export-svg", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.export-markdown", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.save-recording", NULL, action_save_recording);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save_recording);
  gtk_widget_class_install_action (widget_class, "win.record", NULL, action_record);
  gtk_widget_class_install_action (widget_class, "win.stop-recording", NULL, action_stop_recording);
  gtk_widget_class_install_property_action (widget_class, "win.filter", "filter-mode");
}

static void
hl_window_init (HlWindow *self)
{
  GtkListItemFactory *factory;
  GtkCustomSorter *sorter;
  GtkDropTarget *drop;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  self->filter_mode = g_strdup ("all");
  self->preferred_step = -1;
  self->keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = settings_new ();

  /* Sidebar: source -> filter (search, All/Failed/TLS) -> sort by first frame. */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  sorter = gtk_custom_sorter_new (sort_func, NULL, NULL);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->connection_list, GTK_SELECTION_MODEL (self->selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->connection_list, factory);
  g_object_unref (factory);

  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->connection_list, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->ladder, "step-landed", G_CALLBACK (on_step_landed), self);
  g_signal_connect_swapped (self->ladder, "notify::step", G_CALLBACK (on_step_changed), self);
  g_signal_connect_swapped (self->ladder, "notify::n-steps", G_CALLBACK (on_step_changed), self);
  g_signal_connect_swapped (self->ladder, "notify::playing", G_CALLBACK (on_playing_changed), self);
  self->detail_height = 210;
  g_signal_connect_swapped (self->paned, "notify::max-position", G_CALLBACK (on_paned_max_position), self);
  g_signal_connect_swapped (self->paned, "notify::position", G_CALLBACK (on_paned_position), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child", G_CALLBACK (update_back_button), self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  bind_settings (self);
  update_step_label (self);
  update_actions (self);
  set_page (self, "welcome");
}

HlWindow *
hl_window_new (AdwApplication *app)
{
  return g_object_new (HL_TYPE_WINDOW, "application", app, NULL);
}
