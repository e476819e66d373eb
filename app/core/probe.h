/* probe.h: test a server without privileges.
 *
 * The app opens the TCP connection and the TLS handshake itself (GnuTLS),
 * records every byte both ways with timestamps through GnuTLS's transport
 * functions and every secret through the key-log hook, and turns the
 * recording into frames (raw IP packets with synthesised TCP headers) for
 * the engine, so a probe is shown, decrypted and diagnosed exactly like a
 * capture.  TCP failures (refused, timeout) become the packets that would
 * have been seen (SYN answered by RST, unanswered SYN).
 */
#pragma once
#include <glib.h>
#include <gio/gio.h>
#include "engine.h"
#include "keylog.h"

G_BEGIN_DECLS

typedef struct {
  const char *host;        /* name or address */
  guint16     port;        /* default 443 */
  const char *sni;         /* default: host, unless it is an IP address */
  const char *alpn;        /* comma-separated, e.g. "h2,http/1.1"; NULL for none */
  int         tls_version; /* 0 any, 12 = TLS 1.2 only, 13 = TLS 1.3 only */
  const char *ca_file;     /* extra trust anchors (PEM) */
  gboolean    no_verify;   /* do not verify the certificate (still shown and diagnosed) */
  guint       timeout_ms;  /* connect and read timeout, default 5000 */
} HlProbeOptions;

typedef struct _HlProbeRecording HlProbeRecording;

/* Parses "host", "host:port", "[v6]:port" into options->host/port (strings
 * owned by the caller: returned host must be freed). */
gboolean          hl_probe_parse_target  (const char *target, char **host, guint16 *port, GError **error);

/* Runs the probe (blocking; call from a worker thread in a GUI).  Returns
 * NULL only when nothing could be attempted (name resolution failed): error
 * says so.  A refused or timed-out connection or a failed handshake is a
 * successful recording of that failure. */
HlProbeRecording *hl_probe_run           (const HlProbeOptions *options, GCancellable *cancellable,
                                          GError **error);
/* Feeds the recording's secrets and frames into an engine (then finish it). */
void              hl_probe_recording_feed (HlProbeRecording *rec, HlEngine *engine);
guint             hl_probe_recording_n_frames (HlProbeRecording *rec);
/* The TLS library's own verdict, e.g. "The certificate is NOT trusted. The
 * certificate issuer is unknown." or NULL when the handshake succeeded. */
const char       *hl_probe_recording_tls_error (HlProbeRecording *rec);
const char       *hl_probe_recording_peer (HlProbeRecording *rec);  /* "93.184.215.14:443" */
HlKeylog         *hl_probe_recording_keylog (HlProbeRecording *rec);
/* Saves as pcapng with the secrets in a Decryption Secrets Block. */
gboolean          hl_probe_recording_save (HlProbeRecording *rec, const char *path, GError **error);
void              hl_probe_recording_free (HlProbeRecording *rec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlProbeRecording, hl_probe_recording_free)

G_END_DECLS
