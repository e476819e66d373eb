/* format.h: short human-readable renderings shared by the GUI widgets. */
#pragma once
#include <glib.h>
#include "connection.h"

G_BEGIN_DECLS

/* "0.40 ms", "31.2 ms", "2.0 s", "3 min 20 s" (translated units). */
char       *hl_format_duration           (gint64 ns);
/* "192.0.2.1:443" / "[2001:db8::1]:443". */
char       *hl_format_endpoint           (const HlEndpoint *ep);
/* The name a person knows the connection by: the SNI, else "server:port". */
char       *hl_format_connection_title   (const HlConnection *conn);
/* "10.0.0.2:51234 → 93.1.2.3:443". */
char       *hl_format_connection_endpoints (const HlConnection *conn);
/* Shorter, without the client's port: "10.0.0.2 → 93.1.2.3:443". */
char       *hl_format_connection_route   (const HlConnection *conn);
/* "TLS 1.3", "TCP" or "TLS" when the version is unknown. */
const char *hl_format_connection_protocol (const HlConnection *conn);
/* Translated name of a diagnosis (catalog title, else the id). */
const char *hl_format_diagnosis_title    (const HlDiagnosis *d);
/* Who should act, as a phrase: "the server’s administrator". */
const char *hl_format_blame              (HlBlame blame);

/* A connection's overall state, shown with a shape (not colour alone). */
typedef enum {
  HL_CONNECTION_STATE_OK,
  HL_CONNECTION_STATE_WARNING,
  HL_CONNECTION_STATE_FAILED,
} HlConnectionState;

HlConnectionState hl_format_connection_state (const HlConnection *conn);
const char       *hl_format_state_icon       (HlConnectionState state);
const char       *hl_format_state_label      (HlConnectionState state);
/* The diagnosis to headline: the first error, else the first warning. */
const HlDiagnosis *hl_format_headline_diagnosis (const HlConnection *conn);

G_END_DECLS
