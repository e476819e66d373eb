/* capture-loader.h: runs the engine over a capture in a worker thread.
 *
 * The worker reads frames, feeds the engine and hands finished connections
 * to the main loop in batches; the main loop appends them to a GListStore of
 * HlConnectionItem, so rows appear while the file is still being read.
 * Progress (bytes read / size) is written under a mutex and read by a
 * timeout on the main loop.  Cancelling stops reading; the connections read
 * so far are still finished, diagnosed and shown.
 *
 * A probe ("Test a Server") runs the same way: the worker connects with
 * hl_probe_run() and feeds the recording to the engine.
 */
#pragma once
#include <gio/gio.h>
#include "engine.h"
#include "keylog.h"
#include "probe.h"

G_BEGIN_DECLS

#define HL_TYPE_CAPTURE_LOADER (hl_capture_loader_get_type ())
G_DECLARE_FINAL_TYPE (HlCaptureLoader, hl_capture_loader, HL, CAPTURE_LOADER, GObject)

/* capture: a local file or any GFile (resource://, remote: read into memory).
 * keylogs: GFile*, nullable. */
HlCaptureLoader      *hl_capture_loader_new          (GFile *capture, GPtrArray *keylogs);
/* Tests a server: host, port, sni and timeout_ms are used. */
HlCaptureLoader      *hl_capture_loader_new_for_probe (const HlProbeOptions *options);
/* Live sources: frames are shown as they arrive (connections done with
 * their handshake appear after 2 s of silence) and kept in a temporary
 * pcapng for hl_capture_loader_save().  fd: a pipe or stdin (taken over);
 * path: a named FIFO (opened in the worker); keylogs: GFile*, nullable. */
HlCaptureLoader      *hl_capture_loader_new_for_fd   (int fd, const char *display_name, GPtrArray *keylogs);
HlCaptureLoader      *hl_capture_loader_new_for_fifo (const char *path, GPtrArray *keylogs);
/* Records from a network interface: directly when permitted, else through
 * the capture helper (hl_capture_loader_find_helper); if neither may
 * capture, the open error is HL_ERROR_PERMISSION with the full remedy. */
HlCaptureLoader      *hl_capture_loader_new_for_live (const char *iface, const char *filter);
/* $HL_CAPTURE_HELPER, the build tree's helper when running uninstalled, or
 * LIBEXECDIR/handshake-lens-capture. */
char                 *hl_capture_loader_find_helper  (void);
/* Ends a live source at once ("finished" is emitted before it returns);
 * nothing for files and probes. */
void                  hl_capture_loader_stop         (HlCaptureLoader *self);
gboolean              hl_capture_loader_is_live      (HlCaptureLoader *self);
const char           *hl_capture_loader_get_interface (HlCaptureLoader *self);
gboolean              hl_capture_loader_uses_helper  (HlCaptureLoader *self);
/* Frames received so far and drops; FALSE when drops are not known
 * (helper, pipes). */
gboolean              hl_capture_loader_get_live_counts (HlCaptureLoader *self, guint64 *frames,
                                                         guint64 *dropped);
/* A probe or live session that ended: save it as pcapng with its keys. */
gboolean              hl_capture_loader_can_save     (HlCaptureLoader *self);
gboolean              hl_capture_loader_save         (HlCaptureLoader *self, const char *path,
                                                      GError **error);
void                  hl_capture_loader_start        (HlCaptureLoader *self);
void                  hl_capture_loader_cancel       (HlCaptureLoader *self);
GListModel           *hl_capture_loader_get_model    (HlCaptureLoader *self);
gboolean              hl_capture_loader_is_loading   (HlCaptureLoader *self);
double                hl_capture_loader_get_fraction (HlCaptureLoader *self);
/* "capture.pcapng", or "example.org:443" for a probe. */
char                 *hl_capture_loader_dup_display_name (HlCaptureLoader *self);
gboolean              hl_capture_loader_is_probe     (HlCaptureLoader *self);
/* The probe's recording (to save as pcapng), NULL otherwise or before the end. */
HlProbeRecording     *hl_capture_loader_get_recording (HlCaptureLoader *self);
/* After "finished": */
/* The capture could not be opened at all (nothing loaded). */
const GError         *hl_capture_loader_get_open_error  (HlCaptureLoader *self);
/* The capture broke off, or loading was cancelled (G_IO_ERROR_CANCELLED):
 * the connections read until then are in the model. */
const GError         *hl_capture_loader_get_input_error (HlCaptureLoader *self);
/* Key logs that could not be read ("file: reason"), NULL if none. */
const char           *hl_capture_loader_get_keylog_problem (HlCaptureLoader *self);
const HlEngineStats  *hl_capture_loader_get_stats    (HlCaptureLoader *self);
const HlKeylogStats  *hl_capture_loader_get_keylog_stats (HlCaptureLoader *self);
guint                 hl_capture_loader_get_keylog_size (HlCaptureLoader *self);
guint64               hl_capture_loader_get_dsb_count (HlCaptureLoader *self);
/* "pcap", "pcapng", "pcap (gzip)", "probe". */
const char           *hl_capture_loader_get_format   (HlCaptureLoader *self);

G_END_DECLS
