/* catalog-private.h: the catalog's table (catalog-data.c) for catalog.c. */
#pragma once
#include "catalog.h"

G_BEGIN_DECLS

extern const HlCatalogEntry hl_catalog_data[];
extern const guint          hl_catalog_data_len;

G_END_DECLS
