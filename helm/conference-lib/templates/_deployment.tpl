{{/*
The Deployment of a Spring Boot service (or, with rollout.enabled, an Argo Rollouts Rollout of the same
pods; see _rollout.tpl).

- Two ports: "http" for callers, "management" for the actuator. Probes and ServiceMonitors use the
  management port; no Ingress or HTTPRoute routes to it, so metrics and health never reach the public.
- Probes on the actuator health groups: startup and liveness on /actuator/health/liveness (the
  process), readiness on /actuator/health/readiness (the process and its store).
- A preStop pause keeps the pod serving while the endpoints controllers and proxies forget it; then
  SIGTERM starts Spring's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase, 20s). The
  grace period covers both.
- Rolling updates never take a ready pod away before its replacement is ready (maxUnavailable 0).
- Non-root, read-only root filesystem (a small emptyDir on /tmp), no capabilities, RuntimeDefault
  seccomp, no service account token.
- The pod template changes only when something the pods use changes: its labels carry no chart
  version, and the checksum covers the ConfigMap the pods read.
*/}}
{{- define "conference-lib.deployment" -}}
{{- $fullname := include "conference-lib.fullname" . -}}
{{- if le (int .Values.terminationGracePeriodSeconds) (add (int .Values.preStopSleepSeconds) 20 | int) -}}
{{- fail "terminationGracePeriodSeconds must exceed preStopSleepSeconds plus the 20s graceful shutdown" -}}
{{- end -}}
{{- if eq (int .Values.containerPort) (int .Values.managementPort) -}}
{{- fail "managementPort must differ from containerPort: the actuator gets a port of its own" -}}
{{- end -}}
{{- $secretNames := include "conference-lib.secretNames" . | fromYamlArray -}}
{{- if (.Values.rollout).enabled }}
apiVersion: argoproj.io/v1alpha1
kind: Rollout
{{- else }}
apiVersion: apps/v1
kind: Deployment
{{- end }}
metadata:
  name: {{ $fullname }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "conference-lib.labels" . | nindent 4 }}
  {{- if and .Values.reloadOnSecretChange $secretNames }}
  annotations:
    # Stakater Reloader, when installed, rolls the pods when one of these Secrets changes.
    secret.reloader.stakater.com/reload: {{ join "," $secretNames | quote }}
  {{- end }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit }}
  selector:
    matchLabels:
      {{- include "conference-lib.selectorLabels" . | nindent 6 }}
  {{- if (.Values.rollout).enabled }}
  strategy:
    {{- include "conference-lib.canaryStrategy" . | nindent 4 }}
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: {{ .Values.rollingUpdate.maxSurge }}
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "conference-lib.podLabels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "conference-lib.configData" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "conference-lib.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      {{- if .Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: {{ .Values.topologySpread.topologyKey }}
          whenUnsatisfiable: {{ .Values.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "conference-lib.selectorLabels" . | nindent 14 }}
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          {{- $image := dict "image" .Values.image "ctx" . "defaultTag" ((.Values.global).imageTag) }}
          image: {{ include "conference-lib.image" $image }}
          imagePullPolicy: {{ include "conference-lib.imagePullPolicy" $image }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
              protocol: TCP
            - name: management
              containerPort: {{ .Values.managementPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $fullname }}
          {{- $secretEnv := include "conference-lib.hook" (dict "ctx" . "hook" "secretEnv") | trim }}
          {{- if or $secretEnv .Values.extraEnv }}
          env:
            {{- with $secretEnv }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .Values.probes.startup.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.startup.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ .Values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
          lifecycle:
            preStop:
              {{- include "conference-lib.preStopPause" (dict "seconds" .Values.preStopSleepSeconds "ctx" .) | nindent 14 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{/*
The preStop pause. The sleep action needs Kubernetes 1.30 or later; older clusters run the image's
own sleep command instead (every image of the platform has one).
Usage: include "conference-lib.preStopPause" (dict "seconds" 10 "ctx" $)
*/}}
{{- define "conference-lib.preStopPause" -}}
{{- if semverCompare ">=1.30-0" (include "conference-lib.kubeVersion" .ctx) -}}
sleep:
  seconds: {{ .seconds }}
{{- else -}}
exec:
  command: ["sleep", {{ .seconds | toString | quote }}]
{{- end -}}
{{- end -}}

{{/* The cluster's Kubernetes version: global.kubeVersion when set (for renders without a cluster), else Helm's. */}}
{{- define "conference-lib.kubeVersion" -}}
{{- ((.Values.global).kubeVersion) | default .Capabilities.KubeVersion.Version -}}
{{- end -}}

{{/* The names of the Secrets the service's pods read, as a YAML list. */}}
{{- define "conference-lib.secretNames" -}}
{{- $names := list -}}
{{- $entries := include "conference-lib.hook" (dict "ctx" . "hook" "secretEnv") | fromYamlArray -}}
{{- range concat $entries (.Values.extraEnv | default list) -}}
{{- with ((.valueFrom).secretKeyRef) -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- end -}}
{{- $names | uniq | sortAlpha | toYaml -}}
{{- end -}}
