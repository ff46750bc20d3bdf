{{/*
Secrets generated once and kept across upgrades.

"conference-lib.existingSecretData" answers the data of the Secret already in the cluster (base64
values, as stored), or {} when there is none. During "helm template" and "--dry-run" lookup finds
nothing, so a render shows fresh random values; "helm install" creates them and every "helm upgrade"
reuses them. Kept as its own template so the chart tests can stand in for the cluster.
Usage: fromYaml (include "conference-lib.existingSecretData" (dict "name" $name "ctx" $))
*/}}
{{- define "conference-lib.existingSecretData" -}}
{{- $secret := lookup "v1" "Secret" .ctx.Release.Namespace .name -}}
{{- if $secret -}}
{{- toYaml ($secret.data | default dict) -}}
{{- else -}}
{}
{{- end -}}
{{- end -}}

{{/*
A Secret whose keys keep their value once created.
Usage: include "conference-lib.generatedSecret" (dict
         "ctx" $ "name" "release-postgresql"
         "values" (dict "password" (randAlphaNum 32))   # used only for keys the cluster lacks
         "keep" true                                     # survive helm uninstall
         "labels" "<yaml>")
*/}}
{{- define "conference-lib.generatedSecret" -}}
{{- $existing := fromYaml (include "conference-lib.existingSecretData" (dict "name" .name "ctx" .ctx)) | default dict -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .name }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- .labels | nindent 4 }}
  annotations:
    {{- if .keep }}
    # Kept on "helm uninstall": the data it protects (a database volume) outlives the release.
    helm.sh/resource-policy: keep
    {{- end }}
    conference-platform.dev/generated: "true"
type: Opaque
data:
  {{- range $key, $fresh := .values }}
  {{ $key }}: {{ index $existing $key | default ($fresh | toString | b64enc) | quote }}
  {{- end }}
{{- end -}}
