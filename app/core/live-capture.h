/* live-capture.h: frames from a network interface (libpcap) or from the
 * capture helper's pcap stream.
 *
 * Opening an interface needs CAP_NET_RAW (and CAP_NET_ADMIN for some
 * devices).  When that is refused the error says exactly what to do:
 * install the capture helper, grant the capability, or, inside a sandbox,
 * pipe tcpdump's output in.
 */
#pragma once
#include <glib.h>
#include <gio/gio.h>
#include "capture-reader.h"

G_BEGIN_DECLS

typedef struct {
  char    *name;
  char    *description;   /* may be NULL */
  gboolean up, running, loopback;
} HlInterface;

/* Interfaces from pcap_findalldevs; free with g_ptr_array_unref. */
GPtrArray *hl_live_list_interfaces (GError **error);

typedef struct _HlLiveCapture HlLiveCapture;

typedef void (*HlFrameFunc) (const HlFrame *frame, gpointer user_data);

/* Opens the interface with a BPF filter (default "tcp"). Errors:
 * HL_ERROR_PERMISSION with the remedy in the message. */
HlLiveCapture *hl_live_capture_open  (const char *interface, const char *filter, GError **error);
/* Runs the capture loop in the calling thread until hl_live_capture_stop()
 * (from any thread) or an error; frames go to func. */
gboolean       hl_live_capture_run   (HlLiveCapture *c, HlFrameFunc func, gpointer user_data,
                                      GError **error);
void           hl_live_capture_stop  (HlLiveCapture *c);
/* Packets received / dropped by the kernel / dropped by the interface. */
void           hl_live_capture_stats (HlLiveCapture *c, guint64 *received, guint64 *dropped,
                                      guint64 *if_dropped);
void           hl_live_capture_free  (HlLiveCapture *c);

/* The message shown when capturing is not permitted (also used by the GUI
 * when the helper is missing). */
char          *hl_live_permission_help (const char *interface);

G_END_DECLS
