/* window.h: the main window: sidebar of connections, ladder, playback,
 * detail pane and diagnosis banner, with the loading machinery. */
#pragma once
#include <adwaita.h>
#include "connection-item.h"
#include "detail-pane.h"
#include "diagnosis-banner.h"
#include "ladder-view.h"
#include "capture-loader.h"

G_BEGIN_DECLS

#define HL_TYPE_WINDOW (hl_window_get_type ())
G_DECLARE_FINAL_TYPE (HlWindow, hl_window, HL, WINDOW, AdwApplicationWindow)

HlWindow          *hl_window_new                 (AdwApplication *app);
/* Loads a capture (in a worker thread) with the given key logs (GFile*,
 * nullable).  "load-finished" is emitted when done. */
void               hl_window_open                (HlWindow *self, GFile *capture, GPtrArray *keylogs);
/* Opens dropped or command-line files: the first capture, with any key logs
 * among them (by name: .log, .keylog, .txt, .keys).  Key logs alone are
 * added to the open capture. */
void               hl_window_open_files          (HlWindow *self, GFile **files, guint n_files);
/* TRUE when the name looks like a key log (.log, .keylog, .keys, .txt,
 * "sslkey..."), not a capture. */
gboolean           hl_window_is_keylog_name      (GFile *file);
/* Adds a key log and reads the capture again, keeping the selected
 * connection and step. */
void               hl_window_add_keylog          (HlWindow *self, GFile *keylog);
/* Connects to host:port itself (in a worker thread) and shows the
 * handshake, decrypted; sni nullable. */
void               hl_window_test_server         (HlWindow *self, const char *host, guint16 port,
                                                  const char *sni);
/* Records live traffic on iface with a BPF filter (see
 * hl_capture_loader_new_for_live); rows appear as connections happen. */
void               hl_window_record              (HlWindow *self, const char *iface, const char *filter);
/* Shows any loader's connections (takes it over). */
void               hl_window_start_loader        (HlWindow *self, HlCaptureLoader *loader);
/* Stops recording at once (also a live pipe). */
void               hl_window_stop_recording      (HlWindow *self);
gboolean           hl_window_is_recording        (HlWindow *self);
/* "Recording on eth0" while recording (NULL otherwise); counts gets the
 * packet / drop counter text. */
const char        *hl_window_get_recording_text  (HlWindow *self, const char **counts);
/* Saves a finished recording or server test as pcapng with its keys. */
gboolean           hl_window_save_capture        (HlWindow *self, const char *path, GError **error);
gboolean           hl_window_is_loading          (HlWindow *self);
/* Shows ready-made connections (transfer full: the array must free its
 * elements), as if loaded from a file named title.  For tests and demos. */
void               hl_window_show_connections    (HlWindow *self, GPtrArray *connections,
                                                  const char *title);
/* The sidebar's rows as shown (filtered and sorted). */
GListModel        *hl_window_get_connection_list (HlWindow *self);
gboolean           hl_window_select_connection   (HlWindow *self, guint64 id);
HlConnectionItem  *hl_window_get_selected        (HlWindow *self);
HlLadderView      *hl_window_get_ladder          (HlWindow *self);
HlDiagnosisBanner *hl_window_get_banner          (HlWindow *self);
HlDetailPane      *hl_window_get_detail_pane     (HlWindow *self);
/* "Step 3 of 9" as shown under the ladder. */
const char        *hl_window_get_step_text       (HlWindow *self);
/* The message shown above the content (errors, partial loads), or NULL. */
const char        *hl_window_get_message         (HlWindow *self);
void               hl_window_dismiss_toasts      (HlWindow *self);
/* The visible page: "welcome", "examples", "empty" or "capture". */
const char        *hl_window_get_page            (HlWindow *self);

G_END_DECLS
