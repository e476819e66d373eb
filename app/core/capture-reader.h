/* capture-reader.h: frames out of a pcap / pcapng file or stream.
 *
 * Our own parser (not libpcap's file reader): libpcap 1.10 refuses pcapng
 * files whose interfaces have different link types, and it drops Decryption
 * Secrets Blocks.  Input goes through read() and, for gzip, zlib's inflate,
 * so gzip-compressed captures and plain ones share one code path, and
 * pipes/FIFOs/stdin work (a frame is returned as soon as its bytes arrive).
 * Frames are returned one at a time; the data pointer stays valid until the
 * next call.  Memory is bounded (one block buffer, capped).
 */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Link types (LINKTYPE_* values as in pcap files). */
enum {
  HL_LINKTYPE_NULL = 0,
  HL_LINKTYPE_ETHERNET = 1,
  HL_LINKTYPE_RAW = 101,
  HL_LINKTYPE_LINUX_SLL = 113,
  HL_LINKTYPE_LOOP = 108,
  HL_LINKTYPE_IPV4 = 228,
  HL_LINKTYPE_IPV6 = 229,
  HL_LINKTYPE_LINUX_SLL2 = 276,
};

typedef struct {
  guint64       number;      /* 1-based frame number, as Wireshark counts */
  gint64        ts_ns;       /* ns since the epoch, clamped to [0, 2^32 s] */
  guint32       linktype;
  guint32       interface_id;
  guint32       caplen;
  guint32       origlen;
  const guint8 *data;        /* caplen bytes */
} HlFrame;

typedef struct _HlCaptureReader HlCaptureReader;

/* Called for every Decryption Secrets Block (secrets_type 0x544c534b = TLS key
 * log): data is the key log text (not NUL-terminated). */
typedef void (*HlSecretsFunc) (guint32 secrets_type, const guint8 *data, gsize len, gpointer user_data);

HlCaptureReader *hl_capture_reader_open      (const char *path, GError **error);   /* "-" = stdin */
/* The reader owns fd and closes it when freed (also when open fails). */
HlCaptureReader *hl_capture_reader_open_fd   (int fd, const char *display_name, GError **error);
void             hl_capture_reader_set_secrets_func (HlCaptureReader *r, HlSecretsFunc func, gpointer user_data);
/* TRUE with *frame filled; FALSE at end of input (error unset) or on an
 * error (error set; frames read so far stay valid).  A truncated last
 * packet is an error of code HL_ERROR_TRUNCATED with the offset. */
gboolean         hl_capture_reader_next      (HlCaptureReader *r, HlFrame *frame, GError **error);
const char      *hl_capture_reader_format    (HlCaptureReader *r);  /* "pcap", "pcapng", "pcap (gzip)"... */
guint64          hl_capture_reader_offset    (HlCaptureReader *r);  /* bytes consumed (uncompressed) */
guint64          hl_capture_reader_size      (HlCaptureReader *r);  /* file size if known, else 0 */
guint64          hl_capture_reader_compressed_offset (HlCaptureReader *r); /* for progress */
/* Bytes the reader holds for its window (memory bound; for tests). */
gsize            hl_capture_reader_buffer_size (HlCaptureReader *r);
void             hl_capture_reader_free      (HlCaptureReader *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCaptureReader, hl_capture_reader_free)

G_END_DECLS
