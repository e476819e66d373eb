/* connection.h: one TCP connection and everything learned about it.
 *
 * Owned by the engine while open; handed to the done-callback when closed
 * (or at the end of input).  Presenters (reports, GUI) only read it.
 */
#pragma once
#include <glib.h>
#include "event.h"
#include "certificate.h"
#include "diagnosis.h"

G_BEGIN_DECLS

typedef struct {
  guint8  family;      /* 4 or 6 */
  guint8  addr[16];    /* IPv4 uses the first 4 bytes */
  guint16 port;
} HlEndpoint;

/* "192.0.2.1" / "2001:db8::1" into buf (>= 46 bytes); returns buf. */
char    *hl_endpoint_address_to_string (const HlEndpoint *ep, char *buf, gsize len);
gboolean hl_endpoint_equal (const HlEndpoint *a, const HlEndpoint *b);

typedef enum {
  HL_KEYLOG_NONE,       /* nothing to decrypt, or not TLS */
  HL_KEYLOG_MISSING,    /* encrypted handshake/alerts but no matching key */
  HL_KEYLOG_MATCHED,    /* a key matched and authenticated */
  HL_KEYLOG_MISMATCH,   /* a key matched the client random but failed to authenticate */
} HlKeylogStatus;

/* Lists read from a hello.  The summaries below hold them as arrays of one,
 * so `ch->cipher_suites->len` and `ch->cipher_suites->data[i]` read like the
 * GArrays they replaced, a list is never NULL and a zeroed summary has every
 * list empty.  The data belongs to the summary (parsed ones carry it in their
 * own allocation) and is never freed on its own; `data` may be NULL when
 * `len` is 0. */
typedef struct {
  const guint16 *data;
  guint          len;
} HlU16List;

typedef struct {
  const guint8 *data;
  guint         len;
} HlU8List;

typedef struct {
  const char * const *data;
  guint               len;
} HlStrList;

typedef struct {
  guint64    frame;
  guint16    legacy_version;
  guint8     random[32];
  guint8     session_id_len;
  guint8     session_id[32];
  HlU16List  supported_versions[1];   /* empty if the extension is absent */
  HlU16List  cipher_suites[1];
  HlU8List   compression_methods[1];
  HlU16List  extensions[1];           /* extension types, in order */
  HlU16List  supported_groups[1];
  HlU16List  key_share_groups[1];
  HlU16List  signature_algorithms[1];
  HlStrList  alpn[1];                 /* protocols offered */
  const char *sni;                    /* first host_name, NULL if absent */
  gboolean   ssl2_format;
  gboolean   has_session_ticket, session_ticket_nonempty, has_psk, has_early_data,
             has_ems, has_etm, has_reneg_info, has_status_request,
             fallback_scsv, reneg_scsv;
} HlClientHelloInfo;

typedef struct {
  guint64  frame;
  guint16  legacy_version;
  guint16  selected_version;  /* from supported_versions, 0 if absent */
  guint8   random[32];
  guint8   session_id_len;
  guint8   session_id[32];
  guint16  cipher_suite;
  guint8   compression_method;
  HlU16List extensions[1];    /* extension types, in order (as in HlClientHelloInfo) */
  guint16  key_share_group;   /* 0 if absent; for an HRR, the requested group */
  gboolean has_psk, has_ems, has_etm, has_reneg_info;
  char    *alpn;              /* selected protocol (from ServerHello in <=1.2,
                                 EncryptedExtensions in 1.3), NULL if none; owned */
} HlServerHelloInfo;

typedef struct {
  HlClientHelloInfo *client_hello;       /* the first ClientHello */
  HlClientHelloInfo *client_hello2;      /* the ClientHello after an HRR, if any */
  HlServerHelloInfo *server_hello;       /* the first ServerHello that is not an HRR */
  HlServerHelloInfo *hello_retry;        /* the HRR, if any */
  guint              n_client_hellos;

  guint16    version;            /* negotiated version (0 = unknown) */
  gboolean   has_cipher;
  guint16    cipher_suite;
  GPtrArray *server_certificates;  /* HlCertificate*, from the server's first Certificate */
  GPtrArray *client_certificates;  /* HlCertificate*, from the client's first Certificate */
  guint64    server_certificate_frame, client_certificate_frame;
  gboolean   client_certificate_requested;
  gboolean   client_certificate_sent;   /* a client Certificate message was seen */
  gboolean   resumed;               /* abbreviated (1.2) or PSK (1.3) handshake */
  gboolean   renegotiated;
  gboolean   client_finished, server_finished;
  gboolean   encrypted_handshake;   /* some handshake records could not be read */
  gboolean   decrypted;             /* at least one record was decrypted */
  HlKeylogStatus keylog;
  char      *starttls;              /* "smtp", "imap", ... when TLS followed a
                                       plaintext preamble; NULL otherwise */
  guint64    first_frame;           /* frame of the first TLS byte */
} HlTlsInfo;

typedef struct _HlConnection HlConnection;
struct _HlConnection {
  guint64     id;                /* 1-based, in order of first frame */
  HlEndpoint  client, server;
  gboolean    client_inferred;   /* no SYN seen: client guessed from messages */
  guint64     first_frame, last_frame;
  gint64      first_ts_ns, last_ts_ns;

  /* TCP summary (DESIGN: tcp object) */
  gboolean    syn, syn_ack, ack;
  int         rst_by;            /* -1 none, else HlDirection of the first RST */
  int         fin_by_first;      /* -1 none, else the HlDirection of the first FIN */
  gboolean    fin[2];            /* FIN seen per direction */
  gboolean    started_late;      /* first segment seen was not a SYN */
  guint       syn_count;         /* SYNs sent by the client (retries + 1) */
  guint64     retransmissions;
  guint64     zero_windows;
  guint64     gap_bytes;         /* bytes missing from the capture */
  guint64     payload_bytes[2];

  GPtrArray  *events;            /* HlEvent*, wire order */
  HlTlsInfo  *tls;               /* NULL until a TLS record is recognised */
  GPtrArray  *diagnoses;         /* HlDiagnosis*, most important first */
  gpointer    engine_data;       /* private to the engine (TLS session) */
  GPtrArray  *notes;             /* char*: parse problems ("frame 12: record
                                    length 70000 exceeds 2^14+2048") */
};

HlConnection *hl_connection_new          (void);
void          hl_connection_free         (HlConnection *conn);
HlTlsInfo    *hl_connection_ensure_tls   (HlConnection *conn);
void          hl_connection_add_event    (HlConnection *conn, HlEvent *event);
/* An event in storage the connection owns (freed with it); add it with
 * hl_connection_add_event, or give it back with hl_connection_drop_event. */
HlEvent      *hl_connection_new_event    (HlConnection *conn, HlEventKind kind, HlDirection dir,
                                          guint64 frame, gint64 ts_ns);
/* Frees an event that was not added (its slot is reused when it was the
 * newest); works for hl_event_new events too. */
void          hl_connection_drop_event   (HlConnection *conn, HlEvent *event);
void          hl_connection_add_note     (HlConnection *conn, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
void          hl_connection_add_diagnosis (HlConnection *conn, HlDiagnosis *d);
/* The first diagnosis with severity error, or NULL. */
HlDiagnosis  *hl_connection_primary_diagnosis (const HlConnection *conn);
const HlEndpoint *hl_connection_endpoint (const HlConnection *conn, HlDirection from);
/* Swap client and server (used when the client is inferred later). */
void          hl_connection_swap_roles   (HlConnection *conn);

/* A parsed summary is one allocation: these free it (and the ServerHello's
 * alpn).  Lists of summaries built by hand are not freed. */
void hl_client_hello_info_free (HlClientHelloInfo *ch);
void hl_server_hello_info_free (HlServerHelloInfo *sh);

/* Points a hand-built summary's list at static values (tests, examples):
 * such a summary owns no list data, so the functions above free the
 * summary only.  HL_LIST_SET_STATIC (ch->cipher_suites, 0x1301, 0x1302); */
#define HL_LIST_SET_STATIC(list, ...) \
  G_STMT_START { \
    static __typeof__ ((list)->data[0]) hl_values_[] = { __VA_ARGS__ }; \
    (list)->data = hl_values_; \
    (list)->len = G_N_ELEMENTS (hl_values_); \
  } G_STMT_END

G_END_DECLS
