/* screenshot.h: a developer mode that renders the window to a PNG and quits.
 *
 * Driven by environment variables (tools/screenshots.sh sets them):
 *   HL_SCREENSHOT=FILE             write the window here after loading
 *   HL_SCREENSHOT_SIZE=WxH         window size (default 1280x820)
 *   HL_SCREENSHOT_VIEW=examples    show a page instead of a capture
 *   HL_SCREENSHOT_CONNECTION=ID    select this connection
 *   HL_SCREENSHOT_STEP=N           replay up to step N (1-based) ...
 *   HL_SCREENSHOT_PROGRESS=P       ... with its arrow frozen at P (0..1)
 *   HL_SCREENSHOT_PAGE=bytes       detail tab: explanation, fields, bytes
 *   HL_SCREENSHOT_FIELD=NAME       select this field of the step
 *   HL_SCREENSHOT_REGISTER=expert  explanation register
 *   HL_SCREENSHOT_TIME=even        ladder time axis: proportional or even
 *   HL_SCREENSHOT_DARK=1           dark style
 */
#pragma once
#include "window.h"

G_BEGIN_DECLS

gboolean hl_screenshot_requested   (void);
/* Call after libadwaita is initialised (application startup). */
void     hl_screenshot_apply_style (void);
/* Arms the screenshot on a new window (does nothing unless requested). */
void     hl_screenshot_attach      (HlWindow *window);

G_END_DECLS
