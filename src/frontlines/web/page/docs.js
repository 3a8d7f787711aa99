// The API's interactive documentation, from the bundled swagger-ui (no CDN).
window.addEventListener('load', () => {
  window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
