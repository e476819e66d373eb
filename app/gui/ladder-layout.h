/* ladder-layout.h: where everything on a connection's ladder goes.
 *
 * Computed once per connection and time scale, then drawn by HlLadderView's
 * snapshot() and written out by the SVG exporter, so screen and export
 * always agree.  Vertical positions are fixed here; horizontal positions
 * depend on the width and come from hl_ladder_geometry().
 */
#pragma once
#include <glib.h>
#include "connection.h"

G_BEGIN_DECLS

typedef enum {
  HL_LADDER_TIME_PROPORTIONAL,  /* space between messages follows the time between them */
  HL_LADDER_TIME_EVEN,          /* every message gets the same space */
} HlLadderTimeScale;

typedef enum {
  HL_LADDER_ROW_BAND,      /* phase title: TCP, TLS handshake, encrypted from here, ... */
  HL_LADDER_ROW_ARROW,     /* one event from one side to the other */
  HL_LADDER_ROW_SUMMARY,   /* application data, both ways, as one row */
  HL_LADDER_ROW_SILENCE,   /* a long wait, drawn dashed with its duration */
} HlLadderRowKind;

typedef enum {
  HL_LADDER_TONE_NORMAL,   /* TCP steps */
  HL_LADDER_TONE_ACCENT,   /* TLS messages */
  HL_LADDER_TONE_MUTED,    /* retransmissions, ChangeCipherSpec, unreadable records */
  HL_LADDER_TONE_SUCCESS,
  HL_LADDER_TONE_WARNING,
  HL_LADDER_TONE_ERROR,    /* fatal alerts, resets */
} HlLadderTone;

typedef enum {
  HL_LADDER_ICON_NONE,
  HL_LADDER_ICON_LOCKED,    /* encrypted, no key to read it */
  HL_LADDER_ICON_UNLOCKED,  /* encrypted on the wire, decrypted with the key log */
  HL_LADDER_ICON_ERROR,
  HL_LADDER_ICON_WARNING,
} HlLadderIcon;

typedef struct {
  HlLadderRowKind kind;
  int             step;        /* playback step, -1 for bands and silences */
  const HlEvent  *event;       /* NULL for bands and silences */
  HlDirection     dir;
  double          y, height;   /* row box */
  double          arrow_y;     /* where the arrow leaves the sender */
  double          slant;       /* how much lower it lands at the receiver */
  char           *label;       /* "ClientHello · SNI example.org" */
  char           *sublabel;    /* what it does, from the catalog; may be NULL */
  char           *time_label;  /* "+31.2 ms" for events; band side note */
  HlLadderTone    tone;
  HlLadderIcon    icon;
  gboolean        ghost;       /* retransmission: drawn faint and dashed */
  gboolean        dashed;      /* capture gap */
} HlLadderRow;

/* A time annotation between two steps (drawn in the right margin). */
typedef struct {
  int   from_step, to_step;
  char *label;               /* "RTT 31.2 ms" */
} HlLadderSpan;

typedef struct {
  GArray *rows;        /* HlLadderRow */
  GArray *spans;       /* HlLadderSpan */
  GArray *step_rows;   /* guint: row index of each step */
  double  height;
  char   *client_title, *client_detail;   /* "Client", "10.0.0.2:51234" */
  char   *server_title, *server_detail;   /* "Server", "93.1.2.3:443" */
} HlLadderLayout;

/* Horizontal positions for a given width. */
typedef struct {
  double width;
  double client_x, server_x;  /* the two lifelines */
  double time_x;              /* right edge of the time column */
  double span_x;              /* left edge of the annotation column */
} HlLadderGeometry;

#define HL_LADDER_HEADER_HEIGHT 64.0
#define HL_LADDER_MIN_WIDTH     520.0

HlLadderLayout    *hl_ladder_layout_new      (const HlConnection *conn, HlLadderTimeScale scale);
void               hl_ladder_layout_free     (HlLadderLayout *layout);
guint              hl_ladder_layout_n_steps  (const HlLadderLayout *layout);
const HlLadderRow *hl_ladder_layout_step_row (const HlLadderLayout *layout, guint step);
/* The step whose row contains y, or -1. */
int                hl_ladder_layout_step_at  (const HlLadderLayout *layout, double y);
/* The steps whose events cover any of frames (guint64, ascending). */
GArray            *hl_ladder_layout_steps_for_frames (const HlLadderLayout *layout,
                                                      const GArray *frames);
void               hl_ladder_geometry        (double width, HlLadderGeometry *geometry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlLadderLayout, hl_ladder_layout_free)

G_END_DECLS
