package http

// routesMatching registers the candidate, recommendation and plan routes.
func (s *Server) routesMatching() {}
