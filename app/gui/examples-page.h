/* examples-page.h: the gallery of bundled example captures.
 *
 * Each example is a capture in the GResource bundle (from tests/data) with a
 * short intro of what to watch for.  Entries whose capture is not bundled
 * are hidden, so the list is extended by adding a file to ui/meson.build and
 * a line to the table in examples-page.c.
 */
#pragma once
#include <adwaita.h>

G_BEGIN_DECLS

#define HL_TYPE_EXAMPLES_PAGE (hl_examples_page_get_type ())
G_DECLARE_FINAL_TYPE (HlExamplesPage, hl_examples_page, HL, EXAMPLES_PAGE, AdwBin)

GtkWidget *hl_examples_page_new     (void);
/* Number of examples shown (bundled). */
guint      hl_examples_page_get_n_examples (HlExamplesPage *self);
/* The capture of an example (and its key log, NULL if none) by file name. */
gboolean   hl_examples_lookup       (const char *name, GFile **capture, GFile **keylog);

G_END_DECLS
