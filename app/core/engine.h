/* engine.h: frames in, finished connections out.
 *
 * The engine is incremental and single-threaded: feed frames one at a time,
 * call finish at the end.  Finished connections (closed, or open at the end)
 * are diagnosed and handed to the done-callback in order of their first
 * frame.  Unless retain is set, the engine frees a connection after the
 * callback returns, so memory stays O(open connections).
 *
 * Output order costs memory when an early connection stays open while many
 * later ones finish: those wait for it.  Unless retain is set, that wait is
 * bounded (hl_engine_set_output_limits), in two steps.  Past half the byte
 * budget, connections that start waiting are handed over later without
 * their events' field trees and message bytes (HlEvent.fields and
 * .bytes_data NULL; reports do not use them, the timeline, TLS summary,
 * certificates and diagnoses stay).  Past the count or the whole budget,
 * the blocking connection is reported early, as it is at that point (with
 * a note; stats.released_early counts them), and its later packets are
 * only counted.  Its handshake is long over by then in practice; what is
 * lost is how it ended (FIN/RST, a final alert).  The alternative, writing
 * waiting connections out to a temporary file, would need the whole
 * connection model serialised for every consumer.
 */
#pragma once
#include <glib.h>
#include <gio/gio.h>
#include "capture-reader.h"
#include "connection.h"
#include "keylog.h"

G_BEGIN_DECLS

typedef void (*HlConnectionFunc) (HlConnection *conn, gpointer user_data);

typedef struct {
  guint64 frames, bytes, tcp_segments, not_tcp, fragments, unknown_link, malformed;
  guint64 connections, tls_connections, evicted;
  gint64  first_ts_ns, last_ts_ns;
  guint64 dsb_count;          /* Decryption Secrets Blocks read */
  const char *first_malformed_reason;
  guint64 first_malformed_frame;
  guint64 released_early;     /* open connections reported early (output order cap) */
} HlEngineStats;

typedef struct _HlEngine HlEngine;

HlEngine  *hl_engine_new           (void);
void       hl_engine_free          (HlEngine *e);
HlKeylog  *hl_engine_get_keylog    (HlEngine *e);   /* add secrets here before feeding */
/* Optional CA bundle (PEM) used with the system trust store by the diagnoser. */
void       hl_engine_set_ca_file   (HlEngine *e, const char *path);
void       hl_engine_set_done_func (HlEngine *e, HlConnectionFunc func, gpointer user_data);
void       hl_engine_set_retain    (HlEngine *e, gboolean retain);
/* Field trees (HlEvent.fields) are built by default; a headless report
 * that never shows them turns them off (much faster on many handshakes). */
void       hl_engine_set_keep_fields (HlEngine *e, gboolean keep);
/* Diagnosis, done_func and freeing of finished connections move to a
 * worker thread (same order, same results; done_func then runs on that
 * thread).  For streaming reports; not with retain.  Call before feeding;
 * hl_engine_finish and hl_engine_free wait for the worker. */
void       hl_engine_set_output_thread (HlEngine *e, gboolean threaded);
/* With the output thread, a streaming report can also split its work:
 * render is called on the worker for each connection as soon as it
 * closes (in any order; returns a g_malloc'd text), write with the texts
 * in first-frame order.  Waiting connections then hold only their text,
 * and their structures are freed while they are still in the cache (a
 * quarter faster on a capture of many interleaved handshakes).  Replaces
 * done_func.  Call before feeding, after hl_engine_set_output_thread. */
typedef char *(*HlRenderFunc) (HlConnection *conn, gpointer user_data);
typedef void  (*HlWriteFunc)  (const char *text, gpointer user_data);
void       hl_engine_set_render_func (HlEngine *e, HlRenderFunc render, HlWriteFunc write,
                                      gpointer user_data);
void       hl_engine_set_limits    (HlEngine *e, guint max_connections, gsize max_buffer);
/* Bound on finished connections waiting for an earlier open one: their
 * number and their estimated memory (defaults 8192 and 16 MiB; 0 keeps the
 * default).  Not applied in retain mode, where everything is kept anyway. */
void       hl_engine_set_output_limits (HlEngine *e, guint max_waiting, gsize max_waiting_bytes);
void       hl_engine_feed          (HlEngine *e, const HlFrame *frame);
void       hl_engine_finish        (HlEngine *e);
/* Advances the capture clock without a frame (a probe that waited in vain:
 * silences are measured up to this time). */
void       hl_engine_note_time     (HlEngine *e, gint64 ts_ns);
/* Live sources: hands over connections that have been silent for idle_ns
 * of capture time at now_ns and are done as far as a handshake goes
 * (closed by FIN or RST, a finished TLS handshake, or established plain TCP
 * with data), instead of waiting for their end or for more frames.  A
 * connection handed over while still open gets a note; its later packets
 * are only counted.  Returns how many were handed over.  Before finish only. */
guint      hl_engine_flush_idle    (HlEngine *e, gint64 now_ns, gint64 idle_ns);
/* Retained (or, before finish, all finished) connections in first-frame order. */
GPtrArray *hl_engine_get_connections (HlEngine *e);
const HlEngineStats *hl_engine_get_stats (HlEngine *e);

/* Convenience: read a whole capture file (or "-" for stdin), including
 * Decryption Secrets Blocks into the key log, feed and finish.  Returns FALSE
 * with error if the file could not be opened or broke off (the connections
 * read up to that point are still finished and reported). */
gboolean   hl_engine_process_file  (HlEngine *e, const char *path, GCancellable *cancellable,
                                    GError **error);

G_END_DECLS
