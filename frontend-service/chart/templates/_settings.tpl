{{/* conference-lib's hook "config" (named in Chart.yaml): Spring properties derived from values. */}}
{{- define "frontend-service.config" -}}
frontend.c4p-url: {{ printf "http://%s-c4p-service:8080" .Release.Name | quote }}
frontend.agenda-url: {{ printf "http://%s-agenda-service:8080" .Release.Name | quote }}
spring.data.redis.host: {{ .Values.redis.host | default (printf "%s-redis" .Release.Name) | quote }}
spring.data.redis.port: {{ .Values.redis.port | quote }}
{{- if .Values.oidc.enabled }}
spring.security.oauth2.client.provider.oidc.issuer-uri: {{ required "oidc.issuerUri is required when OIDC is enabled" .Values.oidc.issuerUri | quote }}
spring.security.oauth2.client.registration.oidc.client-id: {{ required "oidc.clientId is required when OIDC is enabled" .Values.oidc.clientId | quote }}
spring.security.oauth2.client.registration.oidc.scope: {{ join "," .Values.oidc.scopes | quote }}
{{- with .Values.oidc.organizersValue }}
frontend.oidc.organizers-value: {{ . | quote }}
{{- end }}
{{- with .Values.oidc.reviewersValue }}
frontend.oidc.reviewers-value: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "frontend-service.organizersSecretName" -}}
{{- .Values.organizers.existingSecret | default (printf "%s-organizers" (include "conference-lib.fullname" .)) -}}
{{- end -}}

{{- define "frontend-service.reviewersSecretName" -}}
{{- .Values.reviewers.existingSecret | default (printf "%s-reviewers" (include "conference-lib.fullname" .)) -}}
{{- end -}}

{{/*
The back office's two kinds of login. A name in both lists would be two logins with one name, and the
service would take it as an organizer's anyway: the render stops instead.
*/}}
{{- define "frontend-service.checkLogins" -}}
{{- $both := list }}
{{- range .Values.reviewers.usernames }}
{{- if has . $.Values.organizers.usernames }}
{{- $both = append $both . }}
{{- end }}
{{- end }}
{{- if $both }}
{{- fail (printf "reviewers.usernames and organizers.usernames both name %s: an organizer reviews too, so a reviewer who is also an organizer is just an organizer; take the name off reviewers.usernames" (join ", " $both)) }}
{{- end }}
{{- end -}}

{{/* conference-lib's hook "secretEnv": settings taken from Secrets: the Redis password, the organizers' and reviewers' password hashes, the OIDC client secret. */}}
{{- define "frontend-service.secretEnv" -}}
{{- include "frontend-service.checkLogins" . }}
{{- if .Values.redis.passwordKey }}
- name: SPRING_DATA_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret | default (printf "%s-redis" .Release.Name) }}
      key: {{ .Values.redis.passwordKey }}
{{- end }}
{{- range .Values.organizers.usernames }}
- name: {{ include "conference-lib.envName" (printf "frontend.organizers.%s" .) }}
  valueFrom:
    secretKeyRef:
      name: {{ include "frontend-service.organizersSecretName" $ }}
      key: {{ . }}
{{- end }}
{{- range .Values.reviewers.usernames }}
- name: {{ include "conference-lib.envName" (printf "frontend.reviewers.%s" .) }}
  valueFrom:
    secretKeyRef:
      name: {{ include "frontend-service.reviewersSecretName" $ }}
      key: {{ . }}
{{- end }}
{{- if .Values.oidc.enabled }}
- name: SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENTSECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "oidc.existingSecret is required when OIDC is enabled" .Values.oidc.existingSecret }}
      key: {{ .Values.oidc.clientSecretKey }}
{{- end }}
{{- end -}}

{{/*
conference-lib's hook "storeEgress": NetworkPolicy egress to Redis (the release's, or the operator's: redis.egressCidrs) and, with OIDC on, to
the identity provider (oidc.egressCidrs, on the issuer URI's port), which the service asks while it starts.
*/}}
{{- define "frontend-service.storeEgress" -}}
{{ include "conference-lib.storeEgress" (dict "ctx" . "what" "redis" "host" .Values.redis.host "port" .Values.redis.port "cidrs" .Values.redis.egressCidrs "inRelease" "redis") }}
{{- if .Values.oidc.enabled }}
{{- $issuer := urlParse .Values.oidc.issuerUri }}
{{- $port := ternary 443 80 (eq $issuer.scheme "https") }}
{{- if ne $issuer.host $issuer.hostname }}
{{- $port = trimPrefix (printf "%s:" $issuer.hostname) $issuer.host | int }}
{{- end }}
{{ include "conference-lib.storeEgress" (dict "ctx" . "what" "oidc" "host" $issuer.hostname "port" $port "cidrs" .Values.oidc.egressCidrs "inRelease" "") }}
{{- end }}
{{- end -}}
