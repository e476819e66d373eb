/* ladder-view.h: a connection drawn as a client/server ladder, with playback.
 *
 * Drawn in snapshot() from an HlLadderLayout.  One arrow is the current
 * step.  While replaying (Play, step forward/back, rewind) the arrows after
 * it are drawn faint; selecting an arrow shows the whole ladder.  Stepping
 * forward animates the next arrow from sender to receiver; "step-landed" is
 * emitted when it arrives (at once when animations are off).  Up/Down select
 * without animation, Left/Right step, Home/End jump, Enter activates.
 */
#pragma once
#include <gtk/gtk.h>
#include "connection-item.h"
#include "ladder-layout.h"

G_BEGIN_DECLS

#define HL_TYPE_LADDER_TIME_SCALE (hl_ladder_time_scale_get_type ())
GType hl_ladder_time_scale_get_type (void);

#define HL_TYPE_LADDER_VIEW (hl_ladder_view_get_type ())
G_DECLARE_FINAL_TYPE (HlLadderView, hl_ladder_view, HL, LADDER_VIEW, GtkWidget)

/* The theme colours the ladder uses (also for SVG export). */
typedef struct {
  GdkRGBA fg, bg, accent, success, warning, error;
} HlLadderColors;

GtkWidget            *hl_ladder_view_new               (void);
void                  hl_ladder_view_set_connection    (HlLadderView *self, HlConnectionItem *item);
HlConnectionItem     *hl_ladder_view_get_connection    (HlLadderView *self);
const HlLadderLayout *hl_ladder_view_get_layout        (HlLadderView *self);
guint                 hl_ladder_view_get_n_steps       (HlLadderView *self);
/* The current step, -1 when there is none. */
int                   hl_ladder_view_get_step          (HlLadderView *self);
void                  hl_ladder_view_set_step          (HlLadderView *self, int step, gboolean animate);
const HlEvent        *hl_ladder_view_get_current_event (HlLadderView *self);
void                  hl_ladder_view_step_forward      (HlLadderView *self);
void                  hl_ladder_view_step_back         (HlLadderView *self);
/* Back to the first step, with the later arrows drawn faint. */
void                  hl_ladder_view_rewind            (HlLadderView *self);
void                  hl_ladder_view_set_playing       (HlLadderView *self, gboolean playing);
gboolean              hl_ladder_view_get_playing       (HlLadderView *self);
void                  hl_ladder_view_set_speed         (HlLadderView *self, double speed);
double                hl_ladder_view_get_speed         (HlLadderView *self);
void                  hl_ladder_view_set_time_scale    (HlLadderView *self, HlLadderTimeScale scale);
/* Marks the steps whose events cover frames (in the error colour when error,
 * else the warning colour); with select, selects the one
 * where it went wrong (the first alert or reset among them, else the last)
 * and scrolls to it.  Returns the number of marked steps. */
guint                 hl_ladder_view_mark_evidence     (HlLadderView *self, const GArray *frames,
                                                        gboolean error, gboolean select);
/* Freezes the current arrow's animation at progress (screenshots, tests). */
void                  hl_ladder_view_freeze_progress   (HlLadderView *self, double progress);
void                  hl_ladder_view_get_colors        (HlLadderView *self, HlLadderColors *colors);
/* The whole ladder, every step shown, on the window background, as PNG. */
gboolean              hl_ladder_view_save_png          (HlLadderView *self, const char *path,
                                                        GError **error);

G_END_DECLS
