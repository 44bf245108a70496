{{/* Chart name, truncated to the 63 characters DNS labels allow. */}}
{{- define "miyu.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; services append "-<service>". */}}
{{- define "miyu.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects. Call with (dict "root" $ "name" "router"). */}}
{{- define "miyu.serviceName" -}}
{{- printf "%s-%s" (include "miyu.fullname" .root) .name -}}
{{- end -}}

{{/* "router", "worker" (a platform worker, a client of the router) or "subgraph". */}}
{{- define "miyu.tier" -}}
{{- if eq .name "router" }}router{{ else if has .name (list "telegram" "x") }}worker{{ else }}subgraph{{ end -}}
{{- end -}}

{{- define "miyu.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: miyu
{{- if .root.Chart.AppVersion }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{- end }}
{{ include "miyu.selectorLabels" . }}
miyu.io/tier: {{ include "miyu.tier" . }}
{{- end -}}

{{/* Stable across upgrades: only name, instance and component. */}}
{{- define "miyu.selectorLabels" -}}
app.kubernetes.io/name: {{ include "miyu.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "miyu.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "miyu.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "miyu.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
