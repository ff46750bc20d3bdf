{{- define "hook-contract.config" -}}
{{ .Values.hooks.config }}
{{- end -}}

{{- define "hook-contract.secretEnv" -}}
{{ .Values.hooks.secretEnv }}
{{- end -}}

{{- define "hook-contract.storeEgress" -}}
{{ .Values.hooks.storeEgress }}
{{- end -}}
