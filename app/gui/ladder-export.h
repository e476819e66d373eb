/* ladder-export.h: the ladder as an SVG document, from the same layout the
 * widget draws, so the picture and the screen agree. */
#pragma once
#include <glib.h>
#include "ladder-layout.h"
#include "ladder-view.h"

G_BEGIN_DECLS

/* A standalone SVG 1.1 document, width pixels wide. */
char *hl_ladder_export_svg (const HlLadderLayout *layout, const HlLadderColors *colors, double width);

G_END_DECLS
