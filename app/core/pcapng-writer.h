/* pcapng-writer.h: write a session out as pcapng.
 *
 * One section, written in host byte order.  Interfaces get nanosecond
 * timestamps (if_tsresol = 9).  TLS secrets go into a Decryption Secrets
 * Block, so the saved file decrypts by itself; write it before the packets
 * that need it.  Writes go through stdio; errors are reported by the call
 * that hit them, and by hl_pcapng_writer_close() (which flushes).
 */
#pragma once
#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

#define HL_SECRETS_TYPE_TLS_KEYLOG 0x544c534bu   /* "TLSK" */

typedef struct _HlPcapngWriter HlPcapngWriter;

/* Writes the section header block to fp.  fp stays the caller's: close()
 * flushes it but does not fclose it.  application may be NULL. */
HlPcapngWriter *hl_pcapng_writer_new            (FILE *fp, const char *application, GError **error);
/* Creates (truncates) path; the writer owns that file. */
HlPcapngWriter *hl_pcapng_writer_new_for_path   (const char *path, const char *application, GError **error);
/* Returns the new interface id (0, 1, ...) or -1 on error.  name may be NULL;
 * snaplen 0 means no limit. */
gint            hl_pcapng_writer_add_interface  (HlPcapngWriter *w, guint32 linktype, guint32 snaplen,
                                                 const char *name, GError **error);
gboolean        hl_pcapng_writer_write_secrets  (HlPcapngWriter *w, guint32 secrets_type,
                                                 const guint8 *data, gsize len, GError **error);
/* A TLS key log (NSS SSLKEYLOGFILE text); len -1 = NUL-terminated. */
gboolean        hl_pcapng_writer_write_tls_keylog (HlPcapngWriter *w, const char *text, gssize len,
                                                   GError **error);
gboolean        hl_pcapng_writer_write_packet   (HlPcapngWriter *w, guint32 interface_id, gint64 ts_ns,
                                                 const guint8 *data, guint32 caplen, guint32 origlen,
                                                 GError **error);
/* Flushes and frees the writer; FALSE if anything failed on the way. */
gboolean        hl_pcapng_writer_close          (HlPcapngWriter *w, GError **error);
/* Frees without reporting (for error paths). */
void            hl_pcapng_writer_free           (HlPcapngWriter *w);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlPcapngWriter, hl_pcapng_writer_free)

G_END_DECLS
