/* keylog.h: TLS secrets by client random (NSS SSLKEYLOGFILE format).
 *
 * Labels: CLIENT_RANDOM (TLS <= 1.2 master secret), RSA (first 8 bytes of the
 * encrypted pre-master -> pre-master), CLIENT_EARLY_TRAFFIC_SECRET,
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
 * CLIENT_TRAFFIC_SECRET_0, SERVER_TRAFFIC_SECRET_0, EXPORTER_SECRET,
 * EARLY_EXPORTER_SECRET.  Comments (#), blank lines, CRLF and junk lines are
 * tolerated and counted.  Total size is capped.
 */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint lines, entries, comments, blank, junk, duplicates;
  guint first_junk_line;   /* 1-based, 0 if none */
  guint unknown_labels;    /* well-formed lines with a label we do not use */
  guint over_limit;        /* lines/secrets dropped once a size cap was hit */
} HlKeylogStats;

#define HL_KEYLOG_MAX_TEXT    (64u * 1024 * 1024)  /* bytes of key log text */
#define HL_KEYLOG_MAX_ENTRIES 1000000u             /* distinct secrets */

typedef struct _HlKeylog HlKeylog;

HlKeylog     *hl_keylog_new        (void);
HlKeylog     *hl_keylog_ref        (HlKeylog *k);
void          hl_keylog_unref      (HlKeylog *k);
gboolean      hl_keylog_load_file  (HlKeylog *k, const char *path, GError **error);
/* Adds key log text (file contents, a DSB, or in-process keys). */
void          hl_keylog_add_text   (HlKeylog *k, const char *text, gsize len);
void          hl_keylog_add_secret (HlKeylog *k, const char *label, const guint8 client_random[32],
                                    const guint8 *secret, gsize secret_len);
/* NULL if absent; *len set to the secret's length. */
const guint8 *hl_keylog_lookup     (HlKeylog *k, const char *label, const guint8 client_random[32], gsize *len);
const guint8 *hl_keylog_lookup_rsa (HlKeylog *k, const guint8 encrypted_pms_prefix[8], gsize *len);
gboolean      hl_keylog_has_client_random (HlKeylog *k, const guint8 client_random[32]);
const HlKeylogStats *hl_keylog_stats (HlKeylog *k);
guint         hl_keylog_size       (HlKeylog *k);  /* number of stored secrets */
/* The whole key log as NSS text (for saving into a pcapng DSB). */
char         *hl_keylog_to_text    (HlKeylog *k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlKeylog, hl_keylog_unref)

G_END_DECLS
