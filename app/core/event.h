/* event.h: one step on a connection's timeline.
 *
 * The timeline is what the ladder draws, what the text report prints and
 * what the diagnoser reasons over.  Events are appended in wire order as the
 * engine sees them (by the frame that completes them).
 */
#pragma once
#include <glib.h>
#include "field.h"

G_BEGIN_DECLS

typedef enum {
  HL_DIR_C2S = 0,   /* client to server */
  HL_DIR_S2C = 1,
} HlDirection;

typedef enum {
  HL_EVENT_TCP_SYN,          /* client SYN (retries are further SYN events) */
  HL_EVENT_TCP_SYN_ACK,
  HL_EVENT_TCP_ACK,          /* the client's third-step ACK */
  HL_EVENT_TCP_FIN,
  HL_EVENT_TCP_RST,
  HL_EVENT_TCP_RETRANSMISSION,
  HL_EVENT_TCP_ZERO_WINDOW,
  HL_EVENT_TCP_GAP,          /* bytes missing from the capture: count = bytes */
  HL_EVENT_PLAINTEXT,        /* a non-TLS protocol line/message: STARTTLS
                                preamble step or non-TLS payload (text) */
  HL_EVENT_TLS_HANDSHAKE,    /* a handshake message (plaintext or decrypted);
                                tls_type = HandshakeType */
  HL_EVENT_TLS_CCS,
  HL_EVENT_TLS_ALERT,        /* plaintext or decrypted alert */
  HL_EVENT_TLS_ENCRYPTED,    /* an encrypted record we could not decrypt while
                                the handshake is running (content type
                                handshake/alert in TLS 1.2, or any encrypted
                                record in TLS 1.3 before both Finished) */
  HL_EVENT_TLS_APP_DATA,     /* summary of application data records; count =
                                records, bytes = payload bytes; per direction
                                in app_c2s/app_s2c */
  HL_EVENT_TLS_HEARTBEAT,
  HL_EVENT_TLS_SSL2,         /* SSLv2 record (SSLv2-compatible ClientHello is
                                a TLS_HANDSHAKE with ssl2_format set) */
} HlEventKind;

typedef struct _HlEvent HlEvent;
struct _HlEvent {
  HlEventKind kind;
  HlDirection dir;
  guint64     frame;        /* the frame that completes the event (its last byte) */
  guint64     first_frame;  /* the frame with its first byte */
  gint64      ts_ns;        /* capture timestamp of `frame`, ns since the epoch */

  /* TLS */
  guint8      tls_type;     /* HandshakeType, alert description, or content type (ENCRYPTED) */
  guint8      alert_level;  /* 1 warning, 2 fatal (ALERT) */
  guint16     record_version;
  gboolean    encrypted;    /* was encrypted on the wire */
  gboolean    decrypted;    /* ... and was decrypted with a key log */
  gboolean    ssl2_format;  /* SSLv2-compatible ClientHello */
  gboolean    hrr;          /* a ServerHello carrying the HelloRetryRequest random */
  /* private: TRUE when the connection's event storage owns the struct
   * (hl_connection_new_event); hl_event_free then frees only its members */
  gboolean    in_connection;

  /* TCP and summaries */
  guint64     count;        /* records (APP_DATA), segments (RETRANSMISSION), bytes (GAP) */
  guint64     bytes;
  guint64     app_records[2], app_bytes[2];   /* APP_DATA per direction */
  guint64     last_frame;   /* APP_DATA / RETRANSMISSION: last frame merged in */

  char       *text;         /* PLAINTEXT: the line(s) as text, printable-escaped;
                               TCP_GAP etc: optional detail */
  GBytes     *bytes_data;   /* the message's bytes (plaintext after decryption) */
  HlField    *fields;       /* field tree over bytes_data, may be NULL */
};

/* A free-standing event (tests, presenters).  The engine allocates its
 * events with hl_connection_new_event. */
HlEvent    *hl_event_new        (HlEventKind kind, HlDirection dir, guint64 frame, gint64 ts_ns);
/* Zeroes *event and sets its first fields (for storage owned elsewhere). */
void        hl_event_init       (HlEvent *event, HlEventKind kind, HlDirection dir,
                                 guint64 frame, gint64 ts_ns);
void        hl_event_free       (HlEvent *event);
const char *hl_direction_to_string (HlDirection dir);   /* "c2s" / "s2c" */
/* Short, untranslated, stable name of the event: "client_hello", "syn",
 * "alert", "app_data", ... (used in reports and tests). */
const char *hl_event_kind_to_string (HlEventKind kind);
/* Report/JSON name of a handshake event: "client_hello", "hello_retry_request",
 * "unknown_99"; into buf. */
const char *hl_event_message_name (const HlEvent *event, char *buf, gsize len);
/* Short translated label for ladders and text reports: "ClientHello",
 * "SYN, ACK", "Alert (fatal): handshake_failure", "Encrypted handshake
 * record", "Application data: 14 records, 38.2 kB". Free with g_free. */
char       *hl_event_label (const HlEvent *event);
/* TRUE for alerts with level fatal, RSTs */
gboolean    hl_event_is_failure (const HlEvent *event);

G_END_DECLS
