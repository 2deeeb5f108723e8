# Sourced by bench/run.sh and bench/original-ceiling.sh: the http-block directives of the nginx
# that sis is compared with, so that both scripts measure the same nginx.
# nginx_static_http WORK: sendfile with tcp_nopush (the usual static-file setup), long
# keep-alive (wrk's connections are never closed), temporary files under WORK/nginx.
nginx_static_http() {
  cat <<NGINX
  include /etc/nginx/mime.types;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $1/nginx/body;
  proxy_temp_path $1/nginx/proxy;
  fastcgi_temp_path $1/nginx/fastcgi;
  uwsgi_temp_path $1/nginx/uwsgi;
  scgi_temp_path $1/nginx/scgi;
NGINX
}
