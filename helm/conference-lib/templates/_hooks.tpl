{{/*
The hooks: what a service chart adds to the objects the library renders for it. The chart names, in its
Chart.yaml, the template of its own that answers each hook:

  annotations:
    conference-lib/config: agenda-service.config
    conference-lib/secretEnv: agenda-service.secretEnv
    conference-lib/storeEgress: agenda-service.storeEgress

Each template is included with the chart's context and renders YAML:
  config       a map of the Spring properties the chart derives from its values (property name: value, no
               nested maps); merged under .Values.config (see conference-lib.configProperties). Empty: none.
  secretEnv    a list of container env entries taken from Secrets, each {name, valueFrom: {secretKeyRef:
               {name, key}}}; the Reloader annotation names their Secrets. Empty: none.
  storeEgress  a list of NetworkPolicy egress rules to the chart's stores and servers (usually made with
               conference-lib.storeEgress); rendered only with NetworkPolicies on. Empty: none.

A hook the chart does not name, or a template that renders something else, stops the render with a message
naming the chart, the hook and the template.
*/}}
{{- define "conference-lib.hookNames" -}}
{{- list "config" "secretEnv" "storeEgress" | toYaml -}}
{{- end -}}

{{/*
The text a service chart's hook renders, checked against the contract above and given as rendered.
Usage: include "conference-lib.hook" (dict "ctx" $ "hook" "secretEnv")
*/}}
{{- define "conference-lib.hook" -}}
{{- $ctx := .ctx -}}
{{- $chart := $ctx.Chart.Name -}}
{{- $names := dict -}}
{{- range (include "conference-lib.hookNames" . | fromYamlArray) -}}
{{- $template := index ($ctx.Chart.Annotations | default dict) (printf "conference-lib/%s" .) | default "" -}}
{{- if not $template -}}
{{- fail (printf "%s: Chart.yaml names no template for conference-lib's hook %s: add the annotation \"conference-lib/%s: %s.%s\" and define that template (the hooks are described in conference-lib's templates/_hooks.tpl and README.md)" $chart . . $chart .) -}}
{{- end -}}
{{- $_ := set $names . $template -}}
{{- end -}}
{{- $template := get $names .hook -}}
{{- if not $template -}}
{{- fail (printf "conference-lib has no hook %s" .hook) -}}
{{- end -}}
{{- $text := include $template $ctx -}}
{{- $problem := "" -}}
{{- if eq .hook "config" -}}
{{- $problem = include "conference-lib.configHookProblem" $text -}}
{{- else if eq .hook "secretEnv" -}}
{{- $problem = include "conference-lib.secretEnvHookProblem" $text -}}
{{- else -}}
{{- $problem = include "conference-lib.storeEgressHookProblem" $text -}}
{{- end -}}
{{- if $problem -}}
{{- fail (printf "%s: the template %s, conference-lib's hook %s, %s; it rendered:\n%s" $chart $template .hook $problem $text) -}}
{{- end -}}
{{- $text -}}
{{- end -}}

{{- define "conference-lib.configHookProblem" -}}
{{- $parsed := fromYaml . -}}
{{- if hasKey $parsed "Error" -}}
must render a YAML map of Spring property names to values
{{- else -}}
{{- range $property, $value := $parsed -}}
{{- if kindIs "map" $value -}}
must name each property in full (a.b.c: value), not nest maps: {{ $property }} is a map
{{- break -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "conference-lib.secretEnvHookProblem" -}}
{{- $entries := fromYamlArray . -}}
{{- range $i, $entry := $entries -}}
{{- if not (kindIs "map" $entry) -}}
must render a YAML list of env entries (maps)
{{- break -}}
{{- end -}}
{{- $from := $entry.valueFrom | default dict -}}
{{- if not (kindIs "map" $from) -}}
{{- $from = dict -}}
{{- end -}}
{{- $ref := $from.secretKeyRef -}}
{{- if not (and $entry.name (hasKey $from "secretKeyRef") (kindIs "map" $ref)) -}}
must render env entries with a name and a valueFrom.secretKeyRef: entry {{ add $i 1 }} lacks them
{{- break -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "conference-lib.storeEgressHookProblem" -}}
{{- $rules := fromYamlArray . -}}
{{- range $rules -}}
{{- if not (and (kindIs "map" .) (or (hasKey . "to") (hasKey . "ports"))) -}}
must render a YAML list of NetworkPolicy egress rules (maps with to and ports)
{{- break -}}
{{- end -}}
{{- end -}}
{{- end -}}
