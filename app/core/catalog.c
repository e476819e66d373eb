/* STUB */
#include "catalog.h"
const HlCatalogEntry *hl_catalog_lookup (HlCatalogKind k, const char *key) { return NULL; }
const HlCatalogEntry *hl_catalog_entries (guint *n) { *n = 0; return NULL; }
const char *hl_catalog_title (const HlCatalogEntry *e) { return e ? e->title : ""; }
char *hl_catalog_render (const HlCatalogEntry *e, HlRegister r, GHashTable *v, gboolean *m) { return g_strdup (""); }
GHashTable *hl_catalog_values_for (const HlConnection *c, const HlEvent *e) { return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free); }
const HlCatalogEntry *hl_catalog_entry_for_event (const HlConnection *c, const HlEvent *e) { return NULL; }
char *hl_catalog_explain_event (const HlConnection *c, const HlEvent *e, HlRegister r) { return g_strdup (""); }
