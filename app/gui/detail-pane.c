/* detail-pane.c: Explanation, Fields and Bytes of the selected step. */
#include "config.h"
#include "detail-pane.h"

#include <glib/gi18n.h>
#include "catalog.h"
#include "field-item.h"
#include "format.h"
#include "hex-view.h"

struct _HlDetailPane {
  AdwBin              parent_instance;

  AdwViewStack       *stack;
  GtkWidget          *explanation_box;
  GtkLabel           *title_label;
  GtkLabel           *meta_label;
  GtkWidget          *evidence_box;
  GtkImage           *evidence_icon;
  GtkLabel           *evidence_label;
  GtkLabel           *text_label;
  GtkLabel           *rfc_label;
  GtkStack           *fields_stack;
  GtkListView        *fields_view;
  AdwStatusPage      *fields_empty;
  GtkStack           *bytes_stack;
  GtkLabel           *bytes_label;
  HlHexView          *hex_view;
  AdwStatusPage      *bytes_empty;

  GtkTreeListModel   *tree;
  GtkSingleSelection *selection;
  AdwAnimation       *fade;

  HlConnectionItem   *item;
  const HlEvent      *event;
  int                 step;
  guint               n_steps;
  char               *register_name;   /* "beginner" | "expert" */
  gboolean            syncing;         /* selection change made by us */
};

G_DEFINE_FINAL_TYPE (HlDetailPane, hl_detail_pane, ADW_TYPE_BIN)

enum { PROP_0, PROP_REGISTER, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- Explanation ---- */

static gboolean
event_is_evidence (const HlEvent *e, const HlDiagnosis *d)
{
  guint64 last = MAX (e->frame, e->last_frame);

  for (guint i = 0; d && d->frames && i < d->frames->len; i++)
    {
      guint64 f = g_array_index (d->frames, guint64, i);
      if (f >= e->first_frame && f <= last)
        return TRUE;
    }
  return FALSE;
}

static char *
describe_meta (HlDetailPane *self, const HlConnection *conn, const HlEvent *e)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 t0 = conn->events->len ? ((const HlEvent *) g_ptr_array_index (conn->events, 0))->ts_ns : e->ts_ns;
  g_autofree char *when = hl_format_duration (e->ts_ns - t0);

  g_ptr_array_add (parts, g_strdup_printf (_("Step %d of %u"), self->step + 1, self->n_steps));
  if (e->first_frame != e->frame)
    g_ptr_array_add (parts, g_strdup_printf (_("Frames %llu–%llu"),
                                             (unsigned long long) e->first_frame,
                                             (unsigned long long) e->frame));
  else
    g_ptr_array_add (parts, g_strdup_printf (_("Frame %llu"), (unsigned long long) e->frame));
  g_ptr_array_add (parts, g_strdup (e->dir == HL_DIR_C2S ? _("client → server") : _("server → client")));
  g_ptr_array_add (parts, g_strdup_printf (_("at +%s"), when));
  if (e->encrypted)
    g_ptr_array_add (parts, g_strdup (e->decrypted ? _("decrypted with the key log")
                                                   : _("encrypted, no key to read it")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_explanation (HlDetailPane *self)
{
  const HlConnection *conn = self->item ? hl_connection_item_get_connection (self->item) : NULL;
  const HlEvent *e = self->event;
  gboolean expert = g_strcmp0 (self->register_name, "expert") == 0;
  const HlCatalogEntry *entry;
  const HlDiagnosis *headline;
  g_autofree char *title = NULL, *text = NULL, *meta = NULL;

  if (conn == NULL || e == NULL)
    {
      gtk_label_set_text (self->title_label, _("Select a step on the ladder"));
      gtk_label_set_text (self->meta_label, "");
      gtk_label_set_text (self->text_label,
                          _("Each arrow is one message between the two computers. Select one, "
                            "or press Play to watch the connection being made step by step."));
      gtk_widget_set_visible (GTK_WIDGET (self->rfc_label), FALSE);
      gtk_widget_set_visible (self->evidence_box, FALSE);
      return;
    }

  entry = hl_catalog_entry_for_event (conn, e);
  title = hl_event_label (e);
  text = hl_catalog_explain_event (conn, e, expert ? HL_REGISTER_EXPERT : HL_REGISTER_BEGINNER);
  if (text == NULL || *text == '\0')
    {
      g_free (text);
      text = g_strdup (_("There is no explanation for this step yet. The Fields and Bytes tabs "
                         "show what was sent."));
    }
  meta = describe_meta (self, conn, e);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->text_label, text);

  if (expert && entry && entry->rfc)
    {
      g_autofree char *markup = NULL;
      if (entry->rfc_url)
        markup = g_markup_printf_escaped (_("Specification: <a href=\"%s\">%s</a>"), entry->rfc_url, entry->rfc);
      else
        markup = g_markup_printf_escaped (_("Specification: %s"), entry->rfc);
      gtk_label_set_markup (self->rfc_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->rfc_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->rfc_label), FALSE);

  headline = hl_format_headline_diagnosis (conn);
  if (headline && event_is_evidence (e, headline))
    {
      g_autofree char *note = g_strdup_printf (_("Evidence for “%s”: %s"),
                                               hl_format_diagnosis_title (headline),
                                               headline->summary ? headline->summary : "");
      gboolean error = headline->severity == HL_SEVERITY_ERROR;
      gtk_label_set_text (self->evidence_label, note);
      gtk_image_set_from_icon_name (self->evidence_icon, error ? "dialog-error-symbolic"
                                                               : "dialog-warning-symbolic");
      if (error)
        gtk_widget_remove_css_class (self->evidence_box, "severity-warning");
      else
        gtk_widget_add_css_class (self->evidence_box, "severity-warning");
      gtk_widget_set_visible (self->evidence_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->evidence_box, FALSE);
}

/* ---- Fields and Bytes ---- */

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  HlDetailPane *self = user_data;

  return hl_field_item_list_children (hl_field_item_get_field (item), self->item);
}

static void
describe_field (HlDetailPane *self, const HlField *f)
{
  g_autofree char *text = NULL;

  if (f == NULL)
    {
      gtk_label_set_text (self->bytes_label, _("Select a field or a byte"));
      return;
    }
  if (f->length == 1)
    text = g_strdup_printf (_("%s%s%s — byte %u"), f->name, f->value ? ": " : "",
                            f->value ? f->value : "", f->offset);
  else
    text = g_strdup_printf (_("%s%s%s — bytes %u–%u (%u bytes)"), f->name, f->value ? ": " : "",
                            f->value ? f->value : "", f->offset, f->offset + f->length - 1, f->length);
  gtk_label_set_text (self->bytes_label, text);
}

static void
on_field_selected (GtkSingleSelection *selection, GParamSpec *pspec, HlDetailPane *self)
{
  const HlField *f = hl_detail_pane_get_selected_field (self);

  describe_field (self, f);
  if (self->syncing)
    return;
  if (f)
    hl_hex_view_set_highlight (self->hex_view, f->offset, f->length);
  else
    hl_hex_view_set_highlight (self->hex_view, 0, 0);
}

static void
on_byte_activated (HlHexView *hex, guint offset, HlDetailPane *self)
{
  HlField *f = self->event ? hl_field_at_offset (self->event->fields, offset) : NULL;

  if (f == NULL || !hl_detail_pane_select_field (self, f))
    {
      hl_hex_view_set_highlight (self->hex_view, offset, 1);
      describe_field (self, NULL);
    }
}

static void
setup_field_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (name, "field-name");
  gtk_widget_add_css_class (value, "field-value");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), value);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_field_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *value = gtk_widget_get_next_sibling (name);
  g_autoptr(HlFieldItem) item = gtk_tree_list_row_get_item (row);
  const HlField *f = hl_field_item_get_field (item);
  g_autofree char *tip = g_strdup_printf (_("Bytes %u–%u"), f->offset,
                                          f->offset + (f->length ? f->length - 1 : 0));

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (name), f->name);
  gtk_label_set_text (GTK_LABEL (value), f->value ? f->value : "");
  gtk_widget_set_tooltip_text (expander, tip);
}

static void
set_fields (HlDetailPane *self)
{
  g_autoptr(GListStore) root = NULL;
  const HlEvent *e = self->event;

  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->tree);

  if (e && e->fields)
    {
      g_autoptr(HlFieldItem) top = hl_field_item_new (e->fields, self->item);
      root = g_list_store_new (HL_TYPE_FIELD_ITEM);
      g_list_store_append (root, top);
      self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_steal_pointer (&root)), FALSE, FALSE,
                                            create_children, self, NULL);
      self->syncing = TRUE;
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree));
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->syncing = FALSE;
      {
        g_autoptr(GtkTreeListRow) first = gtk_tree_list_model_get_row (self->tree, 0);
        if (first)
          gtk_tree_list_row_set_expanded (first, TRUE);
      }
      gtk_stack_set_visible_child_name (self->fields_stack, "tree");
    }
  else
    {
      adw_status_page_set_description (self->fields_empty,
                                       e == NULL ? _("Select a step on the ladder.")
                                       : e->encrypted && !e->decrypted
                                       ? _("This message is encrypted. Open the key log of this "
                                           "connection to read it.")
                                       : _("This step has no decoded fields (TCP flags and "
                                           "summaries only)."));
      gtk_stack_set_visible_child_name (self->fields_stack, "empty");
    }

  hl_hex_view_set_bytes (self->hex_view, e ? e->bytes_data : NULL);
  describe_field (self, NULL);
  if (e && e->bytes_data && g_bytes_get_size (e->bytes_data) > 0)
    gtk_stack_set_visible_child_name (self->bytes_stack, "hex");
  else
    {
      adw_status_page_set_description (self->bytes_empty,
                                       e && e->encrypted && !e->decrypted
                                       ? _("The bytes of this message are encrypted and no key "
                                           "for them is known.")
                                       : _("No message bytes are kept for this step."));
      gtk_stack_set_visible_child_name (self->bytes_stack, "empty");
    }
}

const HlField *
hl_detail_pane_get_selected_field (HlDetailPane *self)
{
  GtkTreeListRow *row;
  g_autoptr(HlFieldItem) item = NULL;

  g_return_val_if_fail (HL_IS_DETAIL_PANE (self), NULL);
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  return hl_field_item_get_field (item);
}

gboolean
hl_detail_pane_select_field (HlDetailPane *self, const HlField *field)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  guint pos = 0, found = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (HL_IS_DETAIL_PANE (self), FALSE);
  if (self->tree == NULL || field == NULL)
    return FALSE;
  for (const HlField *f = field; f; f = f->parent)
    g_ptr_array_insert (chain, 0, (gpointer) f);
  if (g_ptr_array_index (chain, 0) != self->event->fields)
    return FALSE;

  /* Walk down from the root, expanding each ancestor: its children follow
   * it in the flattened list. */
  for (guint level = 0; level < chain->len; level++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));
      found = GTK_INVALID_LIST_POSITION;
      for (guint i = pos; i < n; i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (self->tree, i);
          g_autoptr(HlFieldItem) item = gtk_tree_list_row_get_item (row);
          if (hl_field_item_get_field (item) == g_ptr_array_index (chain, level))
            {
              found = i;
              if (level + 1 < chain->len)
                gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
      if (found == GTK_INVALID_LIST_POSITION)
        return FALSE;
      pos = found + 1;
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, found);
  self->syncing = FALSE;
  hl_hex_view_set_highlight (self->hex_view, field->offset, field->length);
  gtk_widget_activate_action (GTK_WIDGET (self->fields_view), "list.scroll-to-item", "u", found);
  return TRUE;
}

/* ---- public ---- */

void
hl_detail_pane_show_event (HlDetailPane *self, HlConnectionItem *item, const HlEvent *event,
                           int step, guint n_steps)
{
  g_return_if_fail (HL_IS_DETAIL_PANE (self));

  g_set_object (&self->item, item);
  self->event = item ? event : NULL;
  self->step = step;
  self->n_steps = n_steps;
  update_explanation (self);
  set_fields (self);
  /* The explanation fades in (at once when animations are off). */
  adw_animation_play (self->fade);
}

void
hl_detail_pane_set_page (HlDetailPane *self, const char *name)
{
  g_return_if_fail (HL_IS_DETAIL_PANE (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
hl_detail_pane_get_explanation (HlDetailPane *self)
{
  g_return_val_if_fail (HL_IS_DETAIL_PANE (self), NULL);
  return gtk_label_get_text (self->text_label);
}

GtkWidget *
hl_detail_pane_get_hex_view (HlDetailPane *self)
{
  g_return_val_if_fail (HL_IS_DETAIL_PANE (self), NULL);
  return GTK_WIDGET (self->hex_view);
}

static void
set_register (HlDetailPane *self, const char *name)
{
  if (g_strcmp0 (name, "expert") != 0)
    name = "beginner";
  if (g_strcmp0 (self->register_name, name) == 0)
    return;
  g_free (self->register_name);
  self->register_name = g_strdup (name);
  update_explanation (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
}

static void
hl_detail_pane_dispose (GObject *object)
{
  HlDetailPane *self = HL_DETAIL_PANE (object);

  g_clear_object (&self->fade);
  if (self->selection)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->tree);
  g_clear_object (&self->selection);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (hl_detail_pane_parent_class)->dispose (object);
}

static void
hl_detail_pane_finalize (GObject *object)
{
  g_free (HL_DETAIL_PANE (object)->register_name);
  G_OBJECT_CLASS (hl_detail_pane_parent_class)->finalize (object);
}

static void
hl_detail_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_string (value, HL_DETAIL_PANE (object)->register_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_detail_pane_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_REGISTER:
      set_register (HL_DETAIL_PANE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hl_detail_pane_class_init (HlDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hl_detail_pane_dispose;
  object_class->finalize = hl_detail_pane_finalize;
  object_class->get_property = hl_detail_pane_get_property;
  object_class->set_property = hl_detail_pane_set_property;

  /* "beginner" or "expert" (bound to the explanation-register setting). */
  properties[PROP_REGISTER] =
    g_param_spec_string ("register", NULL, NULL, "beginner",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HL_TYPE_HEX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, explanation_box);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, meta_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, evidence_icon);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, text_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, rfc_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, fields_stack);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, fields_view);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, fields_empty);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, bytes_stack);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, bytes_label);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, hex_view);
  gtk_widget_class_bind_template_child (widget_class, HlDetailPane, bytes_empty);

  gtk_widget_class_install_property_action (widget_class, "pane.register", "register");
}

static void
hl_detail_pane_init (HlDetailPane *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->register_name = g_strdup ("beginner");
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_field_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_field_row), self);
  gtk_list_view_set_factory (self->fields_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->fields_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_field_selected), self);
  g_signal_connect (self->hex_view, "byte-activated", G_CALLBACK (on_byte_activated), self);

  self->fade = adw_timed_animation_new (self->explanation_box, 0, 1, 250,
                                        adw_property_animation_target_new (G_OBJECT (self->explanation_box),
                                                                           "opacity"));
  update_explanation (self);
  set_fields (self);
}

GtkWidget *
hl_detail_pane_new (void)
{
  return g_object_new (HL_TYPE_DETAIL_PANE, NULL);
}
