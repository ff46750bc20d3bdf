{{/*
Names and labels. Every object of a release is named "<release>-<chart>" so that the charts can
find each other's Services without lookups (c4p-service calls "<release>-agenda-service").
*/}}

{{- define "conference-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "conference-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "conference-lib.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "conference-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select the pods of one component of one release. Never change them: selectors are immutable. */}}
{{- define "conference-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "conference-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "conference-lib.labels" -}}
helm.sh/chart: {{ include "conference-lib.chart" . }}
{{ include "conference-lib.podLabels" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
Labels of the pods themselves. Nothing that changes with the chart's version: a pod template that
changes restarts every pod, so only a change the pods use may change it.
*/}}
{{- define "conference-lib.podLabels" -}}
{{ include "conference-lib.selectorLabels" . }}
app.kubernetes.io/component: {{ .Values.component | default "service" }}
app.kubernetes.io/part-of: conference-platform
{{- end -}}

{{/*
Labels of another component of the same release, for NetworkPolicy peers.
Usage: include "conference-lib.peerLabels" (dict "name" "agenda-service" "ctx" $)
*/}}
{{- define "conference-lib.peerLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- end -}}

{{- define "conference-lib.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "conference-lib.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The image reference: registry, repository, and a digest or a tag. global.imageRegistry, when set,
replaces every image's registry (a mirror); the tag defaults to "defaultTag" (the service charts pass
global.imageTag), then the chart's appVersion. "latest" and empty tags are refused so that every
rollout and rollback is reproducible.
Usage: include "conference-lib.image" (dict "image" .Values.image "ctx" $ ["defaultTag" "..."])
*/}}
{{- define "conference-lib.image" -}}
{{- $registry := ((.ctx.Values.global).imageRegistry) | default .image.registry | default "" -}}
{{- $tag := include "conference-lib.imageTag" . -}}
{{- if or (eq $tag "") (eq $tag "latest") -}}
{{- fail (printf "image %s needs a pinned tag, not %q" .image.repository $tag) -}}
{{- end -}}
{{- $prefix := ternary "" (printf "%s/" $registry) (eq $registry "") -}}
{{- if .image.digest -}}
{{- printf "%s%s@%s" $prefix .image.repository .image.digest -}}
{{- else -}}
{{- printf "%s%s:%s" $prefix .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "conference-lib.imageTag" -}}
{{- .image.tag | default .defaultTag | default .ctx.Chart.AppVersion | toString -}}
{{- end -}}

{{/*
The pull policy: the image's own, or else Always for a -SNAPSHOT tag (rebuilt under the same name, so a
node's copy may be stale) and IfNotPresent for a digest or any other tag.
*/}}
{{- define "conference-lib.imagePullPolicy" -}}
{{- if .image.pullPolicy -}}
{{- .image.pullPolicy -}}
{{- else if and (not .image.digest) (hasSuffix "-SNAPSHOT" (include "conference-lib.imageTag" .)) -}}
Always
{{- else -}}
IfNotPresent
{{- end -}}
{{- end -}}

{{/*
The environment variable Spring Boot binds to a property (relaxed binding): dots become
underscores, dashes go, letters are upper case. "c4p.outbox.poll-interval" -> "C4P_OUTBOX_POLLINTERVAL".
*/}}
{{- define "conference-lib.envName" -}}
{{- . | replace "-" "" | replace "." "_" | upper -}}
{{- end -}}

{{/* Whether NetworkPolicies are on: the umbrella's global switch when it is set, else the chart's own. */}}
{{- define "conference-lib.networkPolicyEnabled" -}}
{{- $global := ((.Values.global).networkPolicy) | default dict -}}
{{- if hasKey $global "enabled" -}}
{{- if $global.enabled -}}true{{- end -}}
{{- else if .Values.networkPolicy.enabled -}}true{{- end -}}
{{- end -}}

{{- define "conference-lib.serviceMonitorEnabled" -}}
{{- if or .Values.serviceMonitor.enabled (((.Values.global).serviceMonitor).enabled) -}}true{{- end -}}
{{- end -}}
