/* diagnosis-banner.c: what went wrong, who should act, the fix. */
#include "config.h"
#include "diagnosis-banner.h"

#include <glib/gi18n.h>
#include "format.h"

struct _HlDiagnosisBanner {
  AdwBin     parent_instance;

  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *title_label;
  GtkLabel  *summary_label;
  GtkLabel  *blame_label;
  GtkLabel  *remedy_label;
  GtkLabel  *more_label;
  GtkWidget *evidence_button;
};

G_DEFINE_FINAL_TYPE (HlDiagnosisBanner, hl_diagnosis_banner, ADW_TYPE_BIN)

static void
set_label (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text && *text);
}

static void
set_severity_class (HlDiagnosisBanner *self, const char *name)
{
  static const char * const classes[] = { "severity-error", "severity-warning", "severity-success" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->box, classes[i]);
  gtk_widget_add_css_class (self->box, name);
}

/* Other findings worth a glance, by title: "Also: Slow handshake, ...". */
static char *
list_others (const HlConnection *conn, const HlDiagnosis *headline)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  for (guint i = 0; conn->diagnoses && i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      if (d != headline && d->severity != HL_SEVERITY_INFO)
        g_ptr_array_add (titles, (gpointer) hl_format_diagnosis_title (d));
    }
  if (titles->len == 0)
    return NULL;
  g_ptr_array_add (titles, NULL);
  {
    g_autofree char *joined = g_strjoinv (", ", (char **) titles->pdata);
    return g_strdup_printf (_("Also: %s"), joined);
  }
}

static const HlDiagnosis *
first_info (const HlConnection *conn)
{
  /* The confirmation of what was agreed comes first; other notes (a
   * private CA the client trusts, ...) only when there is none. */
  for (guint i = 0; conn->diagnoses && i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      if (g_str_equal (d->id, "handshake_ok"))
        return d;
    }
  for (guint i = 0; conn->diagnoses && i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      if (d->severity == HL_SEVERITY_INFO)
        return d;
    }
  return NULL;
}

void
hl_diagnosis_banner_set_connection (HlDiagnosisBanner *self, const HlConnection *conn)
{
  const HlDiagnosis *d;
  g_autofree char *blame = NULL, *remedy = NULL, *others = NULL;

  g_return_if_fail (HL_IS_DIAGNOSIS_BANNER (self));

  d = conn ? hl_format_headline_diagnosis (conn) : NULL;
  if (d == NULL)
    {
      /* Healthy: a short confirmation of what was agreed. */
      const HlDiagnosis *info = conn ? first_info (conn) : NULL;
      if (info == NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
          return;
        }
      set_severity_class (self, "severity-success");
      gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Worked"), -1);
      set_label (self->title_label, hl_format_diagnosis_title (info));
      set_label (self->summary_label, info->summary);
      set_label (self->blame_label, NULL);
      set_label (self->remedy_label, NULL);
      set_label (self->more_label, NULL);
      gtk_widget_set_visible (self->evidence_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      return;
    }

  if (d->severity == HL_SEVERITY_ERROR)
    {
      set_severity_class (self, "severity-error");
      gtk_image_set_from_icon_name (self->icon, "dialog-error-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Failed"), -1);
    }
  else
    {
      set_severity_class (self, "severity-warning");
      gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
    }
  set_label (self->title_label, hl_format_diagnosis_title (d));
  set_label (self->summary_label, d->summary);
  blame = g_strdup_printf (_("Who should act: %s"), hl_format_blame (d->blame));
  set_label (self->blame_label, blame);
  if (d->inferred)
    {
      g_autofree char *summary = g_strdup_printf (_("%s (Inferred: the cause itself is not visible in "
                                                   "the capture.)"), d->summary ? d->summary : "");
      set_label (self->summary_label, summary);
    }
  if (d->remedy && *d->remedy)
    {
      g_autofree char *escaped = g_markup_escape_text (d->remedy, -1);
      /* Translators: "Fix:" introduces the remedy of a diagnosis. */
      remedy = g_strdup_printf (_("<b>Fix:</b> %s"), escaped);
      gtk_label_set_markup (self->remedy_label, remedy);
      gtk_widget_set_visible (GTK_WIDGET (self->remedy_label), TRUE);
    }
  else
    set_label (self->remedy_label, NULL);
  others = list_others (conn, d);
  set_label (self->more_label, others);
  gtk_widget_set_visible (self->evidence_button, d->frames && d->frames->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

char *
hl_diagnosis_banner_get_text (HlDiagnosisBanner *self)
{
  GtkLabel *labels[] = { self->title_label, self->summary_label, self->blame_label,
                         self->remedy_label, self->more_label };
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (HL_IS_DIAGNOSIS_BANNER (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
      {
        if (s->len)
          g_string_append_c (s, '\n');
        g_string_append (s, gtk_label_get_text (labels[i]));
      }
  return g_string_free (s, FALSE);
}

static void
hl_diagnosis_banner_class_init (HlDiagnosisBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshakelens/HandshakeLens/diagnosis-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, box);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, blame_label);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, remedy_label);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, more_label);
  gtk_widget_class_bind_template_child (widget_class, HlDiagnosisBanner, evidence_button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hl_diagnosis_banner_init (HlDiagnosisBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
hl_diagnosis_banner_new (void)
{
  return g_object_new (HL_TYPE_DIAGNOSIS_BANNER, NULL);
}
