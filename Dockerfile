# syntax=docker/dockerfile:1
# Multi-stage build of anju: a static binary on a minimal base, run as a non-root user,
# with the embedded database's data directory on a volume.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# modernc.org/sqlite is pure Go, so the binary needs no C library.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/anju ./cmd/anju && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/anju /usr/local/bin/anju
# An empty directory owned by the nonroot user (uid 65532); a new named volume takes its ownership.
COPY --from=build --chown=65532:65532 --chmod=0700 /out/data /var/lib/anju
# The embedded FerretDB keeps its SQLite files and socket here (mode 0700, owned by nonroot).
ENV ANJU_DATA_DIR=/var/lib/anju \
    ANJU_ADDR=0.0.0.0:8080
VOLUME ["/var/lib/anju"]
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/anju"]
