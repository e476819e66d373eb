/* catalog.h: the explanation catalog, one source for GUI, reports and tests.
 *
 * Every handshake message type, extension that matters, alert, timeline event
 * kind and diagnosis id has an entry with a title and two registers:
 * beginner (everyday words, why it matters) and expert (fields, RFC section).
 * Texts are translatable and may hold placeholders "{name}" filled from a
 * connection ({client}, {server}, {sni}, {version}, {cipher}, {alert},
 * {not_after}, ...).
 */
#pragma once
#include <glib.h>
#include "connection.h"

G_BEGIN_DECLS

typedef enum { HL_REGISTER_BEGINNER, HL_REGISTER_EXPERT } HlRegister;

typedef enum {
  HL_CATALOG_MESSAGE,    /* key: handshake type name, "change_cipher_spec", "hello_retry_request" */
  HL_CATALOG_EXTENSION,  /* key: extension name */
  HL_CATALOG_ALERT,      /* key: alert name */
  HL_CATALOG_EVENT,      /* key: hl_event_kind_to_string() */
  HL_CATALOG_DIAGNOSIS,  /* key: diagnosis id */
} HlCatalogKind;

typedef struct {
  HlCatalogKind kind;
  const char   *key;
  const char   *title;      /* untranslated msgid (N_()); use hl_catalog_title() */
  const char   *beginner;   /* msgid with placeholders */
  const char   *expert;     /* msgid with placeholders */
  const char   *rfc;        /* "RFC 8446, section 4.1.2" or NULL */
  const char   *rfc_url;    /* link for the Expert register, or NULL */
} HlCatalogEntry;

const HlCatalogEntry *hl_catalog_lookup  (HlCatalogKind kind, const char *key);
const HlCatalogEntry *hl_catalog_entries (guint *n_entries);
const char           *hl_catalog_title   (const HlCatalogEntry *entry);  /* translated */
/* Translates the register's text and fills {placeholders} from values
 * (char* -> char*); unknown placeholders render as "?" and are reported via
 * *missing (nullable). */
char *hl_catalog_render (const HlCatalogEntry *entry, HlRegister reg, GHashTable *values,
                         gboolean *missing);
/* Placeholder values for a connection and one of its events (event nullable). */
GHashTable *hl_catalog_values_for (const HlConnection *conn, const HlEvent *event);
/* The catalog entry describing an event (message, alert, CCS, TCP step). */
const HlCatalogEntry *hl_catalog_entry_for_event (const HlConnection *conn, const HlEvent *event);
/* Convenience: entry_for_event + values_for + render. */
char *hl_catalog_explain_event (const HlConnection *conn, const HlEvent *event, HlRegister reg);

G_END_DECLS
